package org.procroom.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.procroom.testkit.MosquittoBroker;

/**
 * The two ceilings of the event path, measured with the same payloads in the same run: the broker
 * (Mosquitto's own client, mosquitto_pub, publishing at QoS 1) and the disk (SQLite with the
 * gateway's settings: WAL, synchronous=FULL).
 */
final class Ceilings {
  private Ceilings() {}

  /** Messages per second from {@code mosquitto_pub -q 1 -l} until a QoS 1 subscriber has them all. */
  static double mosquittoPub(MosquittoBroker broker, String payload, int messages) throws Exception {
    try (FeedSubscriber subscriber = new FeedSubscriber(broker.url(), "bench/raw")) {
      Path lines = Files.createTempFile("bench-payloads", ".txt");
      try {
        Files.writeString(lines, (payload + "\n").repeat(messages));
        long started = System.nanoTime();
        Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port()),
            "-q", "1", "-t", "bench/raw", "-l", "-i", "bench-pub").redirectInput(lines.toFile())
            .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (subscriber.delivered.get() < messages && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pub.waitFor(30, TimeUnit.SECONDS);
        if (subscriber.delivered.get() < messages) {
          throw new IllegalStateException("mosquitto_pub delivered " + subscriber.delivered.get() + " of " + messages + ": "
              + new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return messages / seconds;
      } finally {
        Files.deleteIfExists(lines);
      }
    }
  }

  /** Rows per second into SQLite, committing every {@code batch} rows, for {@code length}. */
  static double sqlite(Path dir, String payload, int batch, Duration length) throws Exception {
    Path file = dir.resolve("ceiling-" + batch + ".db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE events(seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,"
            + " received_us INTEGER NOT NULL, payload TEXT NOT NULL)");
        s.execute("CREATE TABLE outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT, event_seq INTEGER, topic TEXT NOT NULL,"
            + " payload BLOB NOT NULL, confirmed_us INTEGER)");
      }
      c.setAutoCommit(false);
      long rows = 0;
      long started = System.nanoTime();
      long end = started + length.toNanos();
      // As the gateway writes each event: the event row and its outbox row.
      try (PreparedStatement event = c.prepareStatement("INSERT INTO events(event_id, received_us, payload) VALUES (?,?,?)");
           PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox(event_seq, topic, payload) VALUES (?,?,?)")) {
        while (System.nanoTime() < end) {
          for (int i = 0; i < batch; i++) {
            event.setString(1, "e" + rows);
            event.setLong(2, rows);
            event.setString(3, payload);
            event.executeUpdate();
            outbox.setLong(1, rows);
            outbox.setString(2, "procroom/bench-room/events/scanner-1/barcode.scan");
            outbox.setBytes(3, payload.getBytes(StandardCharsets.UTF_8));
            outbox.executeUpdate();
            rows++;
          }
          c.commit();
        }
      }
      return rows / ((System.nanoTime() - started) / 1e9);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir.resolve(file.getFileName() + "-wal"));
      Files.deleteIfExists(dir.resolve(file.getFileName() + "-shm"));
    }
  }
}
