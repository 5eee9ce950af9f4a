package io.autosys.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void quantilesInterpolateLikeNumpy() {
        double[] v = {4, 1, 3, 2};
        assertThat(Stats.median(v)).isEqualTo(2.5);
        assertThat(Stats.quantile(v, 0.25)).isEqualTo(1.75);
        assertThat(Stats.geometricMean(new double[] {1, 100})).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void tableAlignsColumns() {
        String t = new Table("f", "value").row("branin", 0.123456).row("h", 12.0).render();
        assertThat(t.lines().toList()).hasSize(4);
        assertThat(t).contains("0.1235").contains("branin");
        assertThat(t.lines().map(String::length).distinct().count()).isEqualTo(1);
    }

    @Test
    void plotAndResultsAreWritten(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("p.png");
        new LinePlot("t", "x", "y", true).add("a", new double[] {1, 2, 3}, new double[] {10, 1, 0.1},
                new double[] {5, 0.5, 0.05}, new double[] {20, 2, 0.2}).write(png);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1000);
        Path json = new ResultsFile(dir).write("x", Map.of("k", 1.5));
        assertThat(Files.readString(json)).contains("\"k\" : 1.5").contains("\"cores\"");
    }
}
