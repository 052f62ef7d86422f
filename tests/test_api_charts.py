"""The geometry of the SVG pictures: lengths proportional to counts, dates on a time axis."""
from api.charts import diverging_bars, fit, literal_text, timeline


def test_charts_bars_are_proportional_and_meet_at_the_axis():
    pic = diverging_bars([{"item": "a", "label": "A", "support": 4, "oppose": 0},
                          {"item": "b", "label": "B", "support": 1, "oppose": 2}], link=lambda i: "/x/" + i)
    a, b = pic["bars"]
    assert a["support_w"] == 4 * b["support_w"] and b["oppose_w"] == 2 * b["support_w"]
    assert b["oppose_x"] + b["oppose_w"] == pic["axis_x"] and a["oppose_w"] == 0
    assert a["href"] == "/x/a" and b["y"] > a["y"]


def test_charts_timeline_orders_dates_and_rows_by_topic():
    positions = [
        {"date": "2024-01-10", "stance": "Support", "topic": {"@id": "t1", "prefLabel": [
            {"@value": "Haushalt", "@language": "de"}, {"@value": "Budget", "@language": "en"}]}, "claim": "x"},
        {"month": "2023-12", "stance": "Oppose", "topic": {"@id": "t2", "prefLabel": "Migration"}, "claim": "y"},
        {"date": "2023-12-20", "stance": "Oppose", "topic": {"@id": "t2", "prefLabel": "Migration"}, "claim": "z"},
        {"stance": "Oppose", "topic": "https://w3id.org/standpunkt/topic/t3", "claim": "undated"},
    ]
    pic = timeline(positions)
    assert [d["stance"] for d in sorted(pic["dots"], key=lambda d: d["x"])] == ["oppose", "oppose", "support"]
    assert {r["label"] for r in pic["rows"]} == {"Haushalt", "Migration"}
    assert pic["ticks"][0]["label"] == "2023-12-15" and pic["ticks"][1]["label"] == "2024-01-10"


def test_charts_timeline_same_day_dots_do_not_hide_each_other():
    same = [{"date": d, "stance": s, "topic": {"@id": "t", "prefLabel": "Krieg"}, "claim": c}
            for d, s, c in [("2025-11-28", "Support", "a"), ("2025-11-28", "Support", "b"), ("2025-11-28", "Oppose", "c"),
                            ("2025-11-01", "Oppose", "d"), ("2025-10-01", "Oppose", "e")]]
    dots = [d for d in timeline(same)["dots"] if d["title"].startswith("2025-11-28")]
    assert len({(d["x"], d["y"]) for d in dots}) == 3
    assert {d["y"] for d in dots if d["stance"] == "support"} != {d["y"] for d in dots if d["stance"] == "oppose"}


def test_charts_timeline_with_fewer_than_three_dates_is_a_list():
    two = [{"date": d, "stance": "Support", "topic": "t", "claim": "x"} for d in ("2024-01-01", "2024-02-01", "2024-02-01")]
    assert timeline(two)["as_list"] and not timeline(two)["dots"]


def test_charts_long_labels_are_cut_at_the_end_with_an_ellipsis():
    label = "Steuern, Ausgaben, Finanzierung und Abgaben der öffentlichen Hand"
    short = fit(label, 200)
    assert short.endswith("…") and label.startswith(short[:-1]) and len(short) * 7.2 <= 200 + 7.2
    assert fit("Haushalt", 200) == "Haushalt"
    bar = diverging_bars([{"item": "a", "label": label, "support": 1, "oppose": 0}])["bars"][0]
    assert bar["label"] == label and bar["short"].startswith("Steuern")


def test_charts_literal_text_prefers_german():
    assert literal_text([{"@value": "Budget", "@language": "en"}, {"@value": "Haushalt", "@language": "de"}]) == "Haushalt"
    assert literal_text({"@value": "x"}) == "x" and literal_text(None) == "" and literal_text("y") == "y"
