package org.procroom.gateway.cli;

import java.nio.file.Path;
import org.procroom.gateway.Gateway;
import org.procroom.gateway.config.ConfigLoader;
import org.procroom.gateway.config.GatewayConfig;

/** {@code procroom run}: the gateway until SIGTERM or Ctrl-C. */
final class RunCommand {
  private RunCommand() {}

  static int run(Main.Options options, Path home) {
    String file = configFile(options, home);
    GatewayConfig config = GatewayConfig.from(ConfigLoader.load(Path.of(file), System.getenv()), home);
    Gateway gateway = Gateway.start(config, Main.hivemqLib(home));
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "shutdown"));
    return -1;
  }

  /** {@code --config}, else {@code PROCROOM_CONFIG} (set by the installed package), else the checkout's file. */
  static String configFile(Main.Options options, Path home) {
    return options.value("--config", System.getenv().getOrDefault("PROCROOM_CONFIG",
        home.resolve("config/gateway.yaml").toString()));
  }
}
