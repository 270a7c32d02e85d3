package org.procroom.gateway.drivers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the gateway's own classes at start. A class is read from its file the first time it is
 * used; when a socket flood has taken every descriptor, that read fails and the thread that needed
 * the class dies (a serial line's first frame, a listener's first failure report: found by
 * RecordingGoesOnWhileDescriptorsRunOutTest). Loaded up front, nothing of ours needs a file later.
 */
public final class OwnClasses {
  private static final Logger LOG = LoggerFactory.getLogger(OwnClasses.class);

  private OwnClasses() {}

  /** Loads (without initialising) every {@code org.procroom} class on the class path; returns how many. */
  public static int load() {
    ClassLoader loader = OwnClasses.class.getClassLoader();
    int loaded = 0;
    for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      if (entry.isEmpty() || entry.contains("test-classes")) {
        continue;
      }
      Path path = Path.of(entry);
      try {
        if (Files.isDirectory(path.resolve("org/procroom"))) {
          try (Stream<Path> files = Files.walk(path.resolve("org/procroom"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
              loaded += load(loader, path.relativize(f).toString());
            }
          }
        } else if (entry.endsWith(".jar") && path.getFileName().toString().startsWith("procroom-")) {
          try (JarFile jar = new JarFile(path.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
              String name = e.nextElement().getName();
              if (name.startsWith("org/procroom/") && name.endsWith(".class")) {
                loaded += load(loader, name);
              }
            }
          }
        }
      } catch (IOException e) {
        LOG.debug("loading the classes of {}: {}", entry, e.getMessage());
      }
    }
    return loaded;
  }

  private static int load(ClassLoader loader, String file) {
    String name = file.replace(java.io.File.separatorChar, '/').replace('/', '.').replaceAll("\\.class$", "");
    try {
      Class.forName(name, false, loader);
      return 1;
    } catch (ClassNotFoundException | LinkageError e) {
      return 0; // an optional class whose dependency is absent (the demo's, in the package)
    }
  }
}
