package org.procroom.gateway.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.procroom.gateway.api.Backoff;
import org.procroom.gateway.api.WaveSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live waveforms on {@code procroom/<room>/waves/<deviceId>/<channel>} (docs/waves.md), on a
 * broker connection of their own so that seconds of ECG never queue in front of the outbox's
 * events. QoS 0 and best effort: while the broker is away, or more than {@link #MAX_OUTSTANDING}
 * segments wait to be written to it, segments are not sent (counted as dropped; the store keeps
 * every one, and a record's windows go through the outbox). Memory stays bounded however slow
 * the broker or its subscribers are.
 */
public final class WaveFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WaveFeed.class);
  public static final int MAX_OUTSTANDING = 256;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Counts since start: the bench and the commissioning view read them. */
  public record Counts(long published, long dropped, boolean connected) {}

  private final MqttSettings settings;
  private final Topics topics;
  private final Backoff backoff;
  private final ScheduledExecutorService executor;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile MqttAsyncClient client;
  private volatile boolean stopped;

  public WaveFeed(MqttSettings settings, Topics topics) {
    this.settings = settings;
    this.topics = topics;
    this.backoff = new Backoff(settings.reconnectInitial(), settings.reconnectMax());
    // Paho holds a thread each for its receiver, sender and callbacks, plus one for pings and one for our reconnects.
    this.executor = Executors.newScheduledThreadPool(5, r -> {
      Thread t = new Thread(r, "mqtt-waves");
      t.setDaemon(true);
      return t;
    });
  }

  public void start() {
    try {
      client = new MqttAsyncClient(settings.url(), settings.clientId() + "-waves", new MemoryPersistence(), null, executor);
    } catch (MqttException e) {
      LOG.error("live waves: invalid broker URL {}: {}", settings.url(), e.getMessage());
      return;
    }
    client.setCallback(new MqttCallbackAdapter() {
      @Override
      public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
        retry("disconnected: " + response.getReasonString());
      }
    });
    executor.execute(this::connect);
  }

  public Counts counts() {
    MqttAsyncClient c = client;
    return new Counts(published.get(), dropped.get(), c != null && c.isConnected());
  }

  /** Sends the segment if the connection keeps up; never waits. */
  public void publish(String deviceId, WaveSegment s) {
    MqttAsyncClient c = client;
    if (c == null || !c.isConnected()) {
      dropped.incrementAndGet();
      return;
    }
    if (outstanding.incrementAndGet() > MAX_OUTSTANDING) {
      outstanding.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    try {
      MqttMessage m = new MqttMessage(payload(deviceId, s));
      m.setQos(0);
      c.publish(topics.wave(deviceId, s.channel()), m, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          outstanding.decrementAndGet();
          published.incrementAndGet();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          outstanding.decrementAndGet();
          dropped.incrementAndGet();
        }
      });
    } catch (MqttException | RuntimeException e) {
      outstanding.decrementAndGet();
      dropped.incrementAndGet();
    }
  }

  /** The documented payload (docs/schemas/wave.schema.json): raw samples with what makes them values. */
  static byte[] payload(String deviceId, WaveSegment s) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("deviceId", deviceId);
    p.put("channel", s.channel());
    p.put("code", s.code());
    p.put("mdc", s.mdc());
    p.put("unit", s.unit());
    p.put("samplePeriodUs", s.samplePeriod().toNanos() / 1000.0);
    p.put("scale", s.scale());
    p.put("offset", s.offset());
    p.put("firstSequence", s.firstSequence());
    p.put("deviceTime", s.deviceTime() == null ? null : s.deviceTime().toString());
    p.put("receivedAt", s.receivedAt().toString());
    p.put("flags", s.flags());
    p.put("gapBefore", s.gapBefore() == null ? null : Map.of("missing", s.gapBefore().missing(), "cause",
        s.gapBefore().cause()));
    p.put("samples", s.samples());
    try {
      return JSON.writeValueAsBytes(p);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void connect() {
    if (stopped) {
      return;
    }
    try {
      client.connect(settings.connectionOptions(null, null), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          backoff.reset();
          outstanding.set(0);
          LOG.info("live waves: connected to {}", settings.url());
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          retry("cannot connect: " + failure.getMessage());
        }
      });
    } catch (MqttException e) {
      retry("cannot connect: " + e.getMessage());
    }
  }

  private void retry(String reason) {
    if (stopped) {
      return;
    }
    Duration delay = backoff.next();
    LOG.debug("live waves: {}; again in {} ms", reason, delay.toMillis());
    executor.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    stopped = true;
    MqttAsyncClient c = client;
    if (c != null) {
      try {
        if (c.isConnected()) {
          c.disconnect().waitForCompletion(2000);
        }
        c.close(true);
      } catch (MqttException e) {
        LOG.debug("live waves: closing: {}", e.getMessage());
      }
    }
    executor.shutdownNow();
  }
}
