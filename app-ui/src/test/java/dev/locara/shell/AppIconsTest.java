package dev.locara.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The committed PNG icons against icon.svg's geometry (read from the SVG file, not from the generator):
 * their sizes, the blue square and white letter at points well inside each shape, the rounded corners
 * transparent where icon.svg's are, and the maskable one opaque to the edge with its letter inside the
 * safe circle (radius 0.4 of the size) that any platform mask keeps.
 */
class AppIconsTest {
    private static final Path WEBAPP = Path.of("src/main/webapp");
    private static final int BLUE = 0xff2b5fd9;
    private static final int WHITE = 0xffffffff;

    @Test
    void svgHasTheDesignTheIconsAreCheckedAgainst() throws IOException {
        String svg = Files.readString(WEBAPP.resolve("icon.svg"));
        assertTrue(svg.contains("viewBox=\"0 0 64 64\"") && svg.contains("rx=\"14\"") && svg.contains("fill=\"#2b5fd9\"")
                && svg.contains("d=\"M18 14h8v28h20v8H18z\""), "icon.svg changed: redraw the PNGs with AppIcons and update this test");
    }

    @Test
    void plainIconsFollowTheSvg() throws IOException {
        for (int size : new int[] {192, 512}) {
            BufferedImage icon = read("icon-" + size + ".png", size);
            double unit = size / 64.0;
            assertEquals(0, icon.getRGB(0, 0) >>> 24, "rounded corner is transparent at " + size);
            assertEquals(0, icon.getRGB(size - 1, size - 1) >>> 24, "rounded corner is transparent at " + size);
            assertEquals(BLUE, at(icon, unit, 32, 8), "the square at " + size);
            assertEquals(BLUE, at(icon, unit, 40, 30), "the square beside the letter at " + size);
            assertEquals(WHITE, at(icon, unit, 22, 30), "the letter's stem at " + size);
            assertEquals(WHITE, at(icon, unit, 40, 46), "the letter's foot at " + size);
        }
    }

    @Test
    void maskableIconFillsItsSquareAndKeepsTheLetterInTheSafeZone() throws IOException {
        int size = 512;
        BufferedImage icon = read("icon-maskable-512.png", size);
        double unit = size / 64.0;
        assertEquals(BLUE, icon.getRGB(0, 0), "opaque to the corner");
        assertEquals(BLUE, icon.getRGB(size - 1, size - 1), "opaque to the corner");
        assertEquals(WHITE, at(icon, unit, 32 + (22 - 32) * 0.8, 30), "the letter's stem, at 0.8 scale");
        double safe = 0.4 * size;
        int white = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if ((icon.getRGB(x, y) & 0xffffff) != (BLUE & 0xffffff)) {
                    white++;
                    double dx = x + 0.5 - size / 2.0;
                    double dy = y + 0.5 - size / 2.0;
                    assertTrue(Math.hypot(dx, dy) < safe, "letter pixel outside the safe zone at " + x + "," + y);
                }
            }
        }
        assertTrue(white > size * size / 20, "the letter is there: " + white + " pixels");
    }

    private static BufferedImage read(String name, int size) throws IOException {
        BufferedImage icon = ImageIO.read(WEBAPP.resolve(name).toFile());
        assertEquals(size, icon.getWidth(), name);
        assertEquals(size, icon.getHeight(), name);
        return icon;
    }

    /** The pixel at grid point (gx, gy) of the 64-unit viewBox. */
    private static int at(BufferedImage icon, double unit, double gx, double gy) {
        return icon.getRGB((int) (gx * unit), (int) (gy * unit));
    }
}
