package io.mailharness.pages;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgBarChartTest {
    @Test
    void barsAreScaledToANiceMaximumAndLabelledWithValueAndSeries() {
        String svg = SvgBarChart.render("Throughput <x>", "req/s", List.of("smtp <DATA>"), List.of("a&b", "c"), new double[][] {{40, Double.NaN}});
        assertTrue(svg.startsWith("<svg class=\"chart\""));
        assertTrue(svg.contains("aria-label=\"Throughput &lt;x&gt;\""));
        assertTrue(svg.contains("smtp &lt;DATA&gt;"));
        assertTrue(svg.contains(">40 req/s · a&amp;b</text>"));
        assertTrue(svg.contains(">n/a · c</text>"));
        assertTrue(svg.contains("width=\"368.0\""), "40 on a scale of 50 is 80% of the 460 px plot");
        assertFalse(svg.contains("a&b"));
    }

    @Test
    void niceCeilingAndNumbers() {
        assertEquals(50, SvgBarChart.niceCeiling(40));
        assertEquals(1, SvgBarChart.niceCeiling(0));
        assertEquals(250, SvgBarChart.niceCeiling(201));
        assertEquals("12.3", SvgBarChart.number(12.34));
        assertEquals("1.23", SvgBarChart.number(1.234));
        assertEquals("1235", SvgBarChart.number(1234.6));
        assertEquals("n/a", SvgBarChart.number(Double.NaN));
    }
}
