package jp.kama.hub.benchmarks;

import java.io.IOException;
import java.nio.file.Path;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts of a phase's {@link Timeline}: 201s per second above, p99 latency per second below. */
final class Charts {

    private Charts() {
    }

    static void write(Timeline timeline, String title, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries created = new XYSeries("201 per second");
        XYSeries other = new XYSeries("other answers per second");
        XYSeries p99 = new XYSeries("p99 of the 201s (ms)");
        for (Timeline.Second s : timeline.seconds()) {
            created.add(s.second(), s.created());
            other.add(s.second(), s.other());
            if (!Double.isNaN(s.p99Ms())) {
                p99.add(s.second(), s.p99Ms());
            }
        }
        XYSeriesCollection rates = new XYSeriesCollection(created);
        rates.addSeries(other);
        XYPlot top = new XYPlot(rates, null, new NumberAxis("answers / s"), new XYLineAndShapeRenderer(true, false));
        XYPlot bottom = new XYPlot(new XYSeriesCollection(p99), null, new NumberAxis("p99 ms"), new XYLineAndShapeRenderer(true, false));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("second of the measured phase"));
        plot.add(top, 1);
        plot.add(bottom, 1);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
    }
}
