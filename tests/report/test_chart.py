"""The result's chart, laid out on the server as a pure function of the criteria's levels."""
from wizard.report.chart import criteria_chart


def test_the_chart_fills_one_segment_per_level_and_marks_level_zero(rules):
    chart = criteria_chart([{"label": "A", "level": 0}, {"label": "B", "level": 2}, {"label": "C", "level": 3}], rules.top_level)
    assert [row.level for row in chart.rows] == [0, 2, 3]
    assert [sum(segment.filled for segment in bar.segments) for bar in chart.bars] == [0, 1, 2, 3]
    assert [bar.level for bar in chart.bars] == [0, 1, 2, 3]  # a row shows the bar of its level
    assert [row.blocking for row in chart.rows] == [True, False, False] and chart.bars[0].blocking
    assert all(len(bar.segments) == rules.top_level for bar in chart.bars)
    assert chart.rows[1].bar_y > chart.rows[0].bar_y and chart.height >= chart.rows[-1].bar_y + chart.bar_height
    last = chart.bars[3].segments[-1]
    assert float(last.x) + float(last.width) <= chart.width
