package bank.ushield.teller.manager;

import java.awt.Color;
import java.awt.Font;
import java.awt.GridLayout;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;

import net.miginfocom.swing.MigLayout;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import bank.ushield.renewal.review.AuditReview;
import bank.ushield.renewal.review.ReviewCharts;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.error.TellerAction;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.task.TaskExecutor;

/**
 * The manager's charts over the last days: renewals per day and per teller, failure reasons, and average machine
 * time per case. The aggregates are computed by the review service ({@link AuditReview#charts}) off the EDT.
 */
public final class ReviewChartsPanel extends JPanel {

    private static final Texts TEXT = AuditReviewPanel.TEXT;
    static final int DAYS = 30;

    private final AuditReview review;
    private final TaskExecutor executor;
    private final Supplier<LocalDate> today;
    private final JPanel grid = new JPanel(new GridLayout(2, 2, 8, 8));

    public ReviewChartsPanel(AuditReview review, TaskExecutor executor, Supplier<LocalDate> today) {
        super(new MigLayout("insets 0, fill, wrap 1", "[grow,fill]", "[][grow,fill]"));
        this.review = review;
        this.executor = executor;
        this.today = today;
        setName("reviewChartsPanel");
        JPanel top = new JPanel(new MigLayout("insets 0", "[]push[]"));
        top.add(new JLabel(TEXT.format("Charts.period", DAYS)));
        JButton refresh = AuditReviewPanel.button("chartsRefresh", TellerAction.of(TEXT.get("Charts.refresh"), e -> refresh()));
        top.add(refresh);
        add(top);
        add(grid);
    }

    public void refresh() {
        LocalDate to = today.get();
        LocalDate from = to.minusDays(DAYS - 1);
        executor.execute(BackgroundTask.call(() -> review.charts(from, to))
                .onSuccess(this::show)
                .onFailure(e -> ErrorDialog.show(this, e)));
    }

    private void show(ReviewCharts data) {
        ChartFactory.setChartTheme(theme());
        DefaultCategoryDataset perDay = new DefaultCategoryDataset();
        data.perDay().forEach(d -> perDay.addValue(d.count(), TEXT.get("Charts.count"), d.day().toString().substring(5)));
        DefaultCategoryDataset perTeller = new DefaultCategoryDataset();
        data.perTeller().forEach(k -> perTeller.addValue(k.count(), TEXT.get("Charts.count"), k.key()));
        DefaultCategoryDataset failures = new DefaultCategoryDataset();
        data.failures().stream().limit(10).forEach(k -> failures.addValue(k.count(), TEXT.get("Charts.failures.axis"),
                AuditLabels.reason(k.key())));
        DefaultCategoryDataset machine = new DefaultCategoryDataset();
        java.util.Map<LocalDate, Double> seconds = new java.util.HashMap<>();
        data.machine().forEach(d -> seconds.put(d.day(), d.averageSeconds()));
        // Every day of the window on the axis; a day without a completed case is a gap, not a zero.
        data.perDay().forEach(d -> machine.addValue(seconds.get(d.day()), TEXT.get("Charts.machine.axis"),
                d.day().toString().substring(5)));

        grid.removeAll();
        grid.add(chart("chartPerDay", ChartFactory.createBarChart(TEXT.get("Charts.perDay.title"),
                TEXT.get("Charts.day"), TEXT.get("Charts.perDay.axis"), perDay, PlotOrientation.VERTICAL,
                false, true, false)));
        grid.add(chart("chartPerTeller", ChartFactory.createBarChart(TEXT.get("Charts.perTeller.title"),
                null, TEXT.get("Charts.perDay.axis"), perTeller, PlotOrientation.VERTICAL, false, true, false)));
        grid.add(chart("chartFailures", ChartFactory.createBarChart(TEXT.get("Charts.failures.title"),
                null, TEXT.get("Charts.failures.axis"), failures, PlotOrientation.HORIZONTAL, false, true, false)));
        grid.add(chart("chartMachineTime", ChartFactory.createLineChart(TEXT.get("Charts.machine.title"),
                TEXT.get("Charts.day"), TEXT.get("Charts.machine.axis"), machine, PlotOrientation.VERTICAL,
                false, true, false)));
        for (String name : new String[] {"chartPerDay", "chartPerTeller", "chartFailures"}) {
            countAxis(name);
        }
        // Seconds are never below zero either.
        neverNegative((org.jfree.chart.axis.NumberAxis) plot("chartMachineTime").getRangeAxis());
        // An empty chart says so in words, not with a bare axis from -1 to 2.
        for (String name : new String[] {"chartPerDay", "chartPerTeller", "chartFailures", "chartMachineTime"}) {
            plot(name).setNoDataMessage(TEXT.get("Charts.none"));
        }
        for (String name : new String[] {"chartPerDay", "chartMachineTime"}) {
            dayAxis(name);
        }
        grid.revalidate();
        grid.repaint();
    }

    private CategoryPlot plot(String name) {
        for (java.awt.Component c : grid.getComponents()) {
            if (name.equals(c.getName())) {
                return (CategoryPlot) ((ChartPanel) c).getChart().getPlot();
            }
        }
        throw new IllegalStateException(name);
    }

    /** Counts are whole: ticks 0, 1, 2 and never 0.5. */
    private void countAxis(String name) {
        countAxis((org.jfree.chart.axis.NumberAxis) plot(name).getRangeAxis());
    }

    /** Whole numbers from zero up, at least 0 to 4. */
    static void countAxis(org.jfree.chart.axis.NumberAxis axis) {
        axis.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        axis.setAutoRangeMinimumSize(4);
        neverNegative(axis);
    }

    /** A count or a time is never negative: a few small values drew an axis from -1 (the minimum size centred). */
    static void neverNegative(org.jfree.chart.axis.NumberAxis axis) {
        axis.setRangeType(org.jfree.data.RangeType.POSITIVE);
        axis.configure(); // the range type alone does not recompute the automatic range
    }

    /** Every day has its bar; a date is written under every fifth day and the last, so thirty dates never overlap. */
    private void dayAxis(String name) {
        CategoryPlot plot = plot(name);
        org.jfree.chart.axis.CategoryAxis axis = plot.getDomainAxis();
        axis.setMaximumCategoryLabelWidthRatio(6f);
        java.util.List<?> keys = plot.getDataset().getColumnKeys();
        Color hidden = new Color(0, 0, 0, 0);
        for (int i = 0; i < keys.size(); i++) {
            boolean shown = (keys.size() - 1 - i) % 5 == 0;
            if (!shown) {
                axis.setTickLabelPaint((Comparable<?>) keys.get(i), hidden);
            }
        }
    }

    private static ChartPanel chart(String name, JFreeChart chart) {
        if (chart.getPlot() instanceof CategoryPlot plot && plot.getRenderer() instanceof BarRenderer bars) {
            bars.setBarPainter(new StandardBarPainter());
            bars.setShadowVisible(false);
            bars.setSeriesPaint(0, accent());
            bars.setMaximumBarWidth(0.08);
        } else if (chart.getPlot() instanceof CategoryPlot plot) {
            plot.getRenderer().setSeriesPaint(0, accent());
            if (plot.getRenderer() instanceof org.jfree.chart.renderer.category.LineAndShapeRenderer line) {
                // A day with one value has no line to draw: the point itself must show.
                line.setDefaultShapesVisible(true);
                line.setSeriesShapesVisible(0, true);
            }
        }
        ChartPanel panel = new ChartPanel(chart);
        panel.setName(name);
        panel.setMouseWheelEnabled(false);
        return panel;
    }

    private static Color accent() {
        Color c = UIManager.getColor("Component.accentColor");
        return c != null ? c : UIManager.getColor("Actions.Blue");
    }

    /** JFreeChart's default fonts have no Chinese glyphs: derive every chart font from the look and feel's font. */
    static StandardChartTheme theme() {
        Font base = UIManager.getFont("defaultFont");
        if (base == null) {
            base = UIManager.getFont("Label.font");
        }
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(base.deriveFont(Font.BOLD, base.getSize2D() + 4));
        theme.setLargeFont(base.deriveFont(Font.BOLD, base.getSize2D() + 1));
        theme.setRegularFont(base.deriveFont(base.getSize2D()));
        theme.setSmallFont(base.deriveFont(base.getSize2D() - 2));
        Color background = UIManager.getColor("Panel.background");
        if (background != null) {
            theme.setChartBackgroundPaint(background);
            theme.setTitlePaint(UIManager.getColor("Label.foreground"));
            theme.setAxisLabelPaint(UIManager.getColor("Label.foreground"));
            theme.setTickLabelPaint(UIManager.getColor("Label.foreground"));
        }
        theme.setPlotBackgroundPaint(UIManager.getColor("Table.background") != null
                ? UIManager.getColor("Table.background") : Color.WHITE);
        return theme;
    }
}
