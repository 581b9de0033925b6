package io.mailharness.pages;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgBarChartTest {
    private final SvgBarChart chart = SvgBarChart.of("Throughput <x>", "req/s", List.of("smtp <DATA>"), List.of("a&b", "c"), new double[][] {{40, Double.NaN}});

    @Test
    void barsAreScaledToANiceMaximumAndLabelledWithValueAndSeries() {
        SvgBarChart.Bar bar = chart.groups().getFirst().bars().getFirst();
        assertEquals(368.0, bar.width(), "40 on a scale of 50 is 80% of the 460 px plot");
        assertEquals("40 req/s · a&b", bar.label());
        assertEquals("smtp <DATA> — 40 req/s · a&b", bar.tooltip());
        SvgBarChart.Bar none = chart.groups().getFirst().bars().get(1);
        assertEquals(0, none.width(), "no value, no bar");
        assertEquals("n/a · c", none.label());
        assertEquals(List.of("0", "12.5", "25", "37.5", "50"), chart.ticks().stream().map(SvgBarChart.Tick::label).toList());
    }

    @Test
    void theTemplateDrawsItWithEveryTextEscaped() {
        String svg = PageTemplates.render("barChart.jte", chart);
        assertTrue(svg.startsWith("<svg class=\"chart\""), svg);
        assertTrue(svg.contains("aria-label=\"Throughput &lt;x>\""), "attribute escaped");
        assertTrue(svg.contains("<title>Throughput &lt;x&gt;</title>"));
        assertTrue(svg.contains(">smtp &lt;DATA&gt;</text>"));
        assertTrue(svg.contains(">40 req/s · a&amp;b</text>"));
        assertTrue(svg.contains(">n/a · c</text>"));
        assertTrue(svg.contains("width=\"368.0\""));
        assertEquals(1, MatrixPageTest.count(svg, "<rect "), "one bar drawn, none for the missing value");
        assertFalse(svg.contains("a&b"));
        assertFalse(svg.contains("<x>"));
    }

    @Test
    void niceCeilingAndNumbers() {
        assertEquals(50, SvgBarChart.niceCeiling(40));
        assertEquals(1, SvgBarChart.niceCeiling(0));
        assertEquals(250, SvgBarChart.niceCeiling(201));
        assertEquals("12.3", Figures.number(12.34));
        assertEquals("1.23", Figures.number(1.234));
        assertEquals("1235", Figures.number(1234.6));
        assertEquals("n/a", Figures.number(Double.NaN));
        assertEquals("80 %", Figures.percent(0.8));
    }
}
