package org.procroom.drivers.ultrasound.scp;

import com.pixelmed.display.ConsumerFormatImageMaker;
import com.pixelmed.display.SourceImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A small JPEG of an object's first frame, for the room dashboard. */
final class Thumbnails {
  private static final Logger LOG = LoggerFactory.getLogger(Thumbnails.class);
  private static final int WIDTH = 160;

  static {
    // The gateway has no display; decoding and scaling work without one.
    System.setProperty("java.awt.headless", "true");
  }

  private Thumbnails() {}

  /** Writes {@code target}; returns false (and logs why) when the pixel data cannot be rendered. */
  static boolean write(Path dicom, Path target) {
    try {
      SourceImage source = new SourceImage(dicom.toString());
      BufferedImage frame = ConsumerFormatImageMaker.makeEightBitFrame(source, 0);
      int height = Math.max(1, frame.getHeight() * WIDTH / Math.max(1, frame.getWidth()));
      BufferedImage small = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = small.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(frame, 0, 0, WIDTH, height, null);
      g.dispose();
      Files.createDirectories(target.getParent());
      return ImageIO.write(small, "jpeg", target.toFile());
    } catch (IOException | RuntimeException | com.pixelmed.dicom.DicomException e) {
      LOG.warn("no thumbnail for {}: {}", dicom.getFileName(), e.getMessage());
      return false;
    }
  }
}
