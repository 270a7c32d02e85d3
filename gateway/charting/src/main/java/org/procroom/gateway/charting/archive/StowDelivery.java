package org.procroom.gateway.charting.archive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import org.procroom.gateway.api.GatewayClock;
import org.procroom.gateway.charting.QueueSender;
import org.procroom.gateway.store.EventStore;
import org.procroom.gateway.store.QueuedDelivery;

/**
 * An archive's queue over DICOMweb: each object POSTed to {@code <base>/studies} as one part of a
 * multipart/related request (STOW-RS, PS3.18 10.5), the Part-10 file as received, the answer read
 * for that instance ({@link StowAnswer}).
 */
public final class StowDelivery extends QueueSender {
  private final ArchiveSettings archive;
  private final Path dataDir;
  private final HttpClient http;

  public StowDelivery(ArchiveSettings archive, EventStore store, GatewayClock clock, Path dataDir) {
    super(archive.queue(), store, clock, archive.retryInitial(), archive.retryMax());
    this.archive = archive;
    this.dataDir = dataDir;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(archive.timeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (archive.tls() != null) {
      builder.sslContext(archive.tls());
    }
    this.http = builder.build();
  }

  /** Cine clips are large: the file is streamed, not read into memory. */
  private static HttpRequest.BodyPublisher ofFile(Path file) throws java.io.FileNotFoundException {
    return HttpRequest.BodyPublishers.ofFile(file);
  }

  @Override
  protected String receiver() {
    return archive.describe();
  }

  @Override
  protected Outcome send(QueuedDelivery message) throws InterruptedException {
    ForwardedObject object;
    Path file;
    HttpRequest.BodyPublisher part;
    try {
      object = ForwardedObject.read(message.payload());
      file = dataDir.resolve(object.file());
      part = ofFile(file);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return new Outcome.Refused("the object's file is no longer on the box: " + e.getMessage());
    } catch (IOException e) {
      return new Outcome.Refused("the object's file cannot be read: " + e.getMessage());
    }
    String boundary = "procroom-" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    HttpRequest request = HttpRequest.newBuilder(URI.create(archive.stowBase() + "/studies"))
        .timeout(archive.timeout())
        .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
        .header("Accept", "application/dicom+json")
        .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
            part, HttpRequest.BodyPublishers.ofByteArray(tail)))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new Outcome.NotDelivered("STOW-RS to " + receiver() + " not answered: " + e.getMessage());
    }
    state(true, null);
    StowAnswer answer = StowAnswer.read(response.statusCode(), response.body(), object.sopInstanceUid());
    return switch (answer.kind()) {
      case STORED -> new Outcome.Delivered(answer.words());
      case SEND_AGAIN -> new Outcome.NotDelivered(receiver() + " answered " + answer.words());
      case REFUSED -> new Outcome.Refused(receiver() + " refused the object: " + answer.words());
    };
  }
}
