package org.procroom.testkit;

import java.nio.file.Path;

/** Where the repository and the built embedded-broker libraries are, as Maven tells the tests. */
public final class TestPaths {
  private TestPaths() {}

  public static Path repo() {
    return Path.of(System.getProperty("procroom.repo", "../..")).toAbsolutePath().normalize();
  }

  public static Path hivemqLib() {
    return Path.of(System.getProperty("procroom.hivemq.lib", repo() + "/gateway/broker-embedded/target/lib"));
  }
}
