package org.procroom.gateway.cli;

import java.nio.file.Path;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.config.ConfigLoader;
import org.procroom.gateway.config.GatewayConfig;

/** {@code procroom run}: the gateway until SIGTERM or Ctrl-C. */
final class RunCommand {
  private RunCommand() {}

  static int run(Options options, Path home) {
    GatewayConfig config = load(configFile(options, home), home);
    Gateway gateway = Gateway.start(config, Main.hivemqLib(home));
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "shutdown"));
    return -1;
  }

  /** The configuration in {@code file}, with the environment laid over it. */
  static GatewayConfig load(String file, Path home) {
    Path path = Path.of(file).toAbsolutePath();
    return GatewayConfig.from(ConfigLoader.load(path, System.getenv()), home, path.getParent());
  }

  /** {@code --config}, else {@code PROCROOM_CONFIG} (set by the installed package), else the checkout's file. */
  static String configFile(Options options, Path home) {
    return options.value("--config", System.getenv().getOrDefault("PROCROOM_CONFIG",
        home.resolve("config/gateway.yaml").toString()));
  }
}
