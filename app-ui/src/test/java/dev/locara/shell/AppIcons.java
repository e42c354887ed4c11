package dev.locara.shell;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the web app manifest's PNG icons from icon.svg's design (on a 64-unit grid: a #2b5fd9 square with
 * corner radius 14 and a white "L", {@code M18 14h8v28h20v8H18z}). Run once when the design changes; its
 * output is committed under src/main/webapp:
 * {@code java app-ui/src/test/java/dev/locara/shell/AppIcons.java app-ui/src/main/webapp}.
 */
public final class AppIcons {
    static final Color BLUE = new Color(0x2b, 0x5f, 0xd9);
    static final int GRID = 64;
    static final double RADIUS = 14;
    /** The "L" of icon.svg, corner by corner, in grid units. */
    static final double[][] LETTER = {{18, 14}, {26, 14}, {26, 42}, {46, 42}, {46, 50}, {18, 50}};
    /**
     * A maskable icon is cropped by the platform to as little as the circle of radius 0.4 * size around its
     * centre: the square fills the whole image and the letter shrinks to this share of its size, about the centre.
     */
    static final double MASKABLE_LETTER_SCALE = 0.8;

    private AppIcons() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/main/webapp");
        ImageIO.write(draw(192, false), "png", dir.resolve("icon-192.png").toFile());
        ImageIO.write(draw(512, false), "png", dir.resolve("icon-512.png").toFile());
        ImageIO.write(draw(512, true), "png", dir.resolve("icon-maskable-512.png").toFile());
    }

    static BufferedImage draw(int size, boolean maskable) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(size / (double) GRID, size / (double) GRID);
            g.setColor(BLUE);
            g.fill(maskable ? new java.awt.Rectangle(0, 0, GRID, GRID)
                    : new RoundRectangle2D.Double(0, 0, GRID, GRID, 2 * RADIUS, 2 * RADIUS));
            Path2D.Double letter = new Path2D.Double();
            letter.moveTo(LETTER[0][0], LETTER[0][1]);
            for (int i = 1; i < LETTER.length; i++) {
                letter.lineTo(LETTER[i][0], LETTER[i][1]);
            }
            letter.closePath();
            if (maskable) {
                AffineTransform t = AffineTransform.getTranslateInstance(GRID / 2.0, GRID / 2.0);
                t.scale(MASKABLE_LETTER_SCALE, MASKABLE_LETTER_SCALE);
                t.translate(-GRID / 2.0, -GRID / 2.0);
                letter.transform(t);
            }
            g.setColor(Color.WHITE);
            g.fill(letter);
        } finally {
            g.dispose();
        }
        return image;
    }
}
