"""`assistant eval --beir` on a small dataset in BEIR layout that the test writes."""

import json

import pytest
from click.testing import CliRunner

from assistant.beir import _metrics
from assistant.cli import main

TOPICS = {
    "zebra": "Zebras graze on the savanna grass and their black and white stripes confuse biting flies.",
    "volcano": "Volcanoes erupt when magma rises through the crust and pressure forces lava out of the vent.",
    "bread": "Bakers knead dough so gluten develops, then the yeast ferments sugar and the loaf rises in the oven.",
    "comet": "A comet is an icy body that grows a glowing tail of gas and dust when it passes close to the sun.",
    "violin": "The violin has four strings tuned in fifths and is played with a bow strung with horsehair.",
    "glacier": "Glaciers are rivers of ice that slowly carve valleys as they move downhill under their own weight.",
}
QUERIES = {
    "q1": ("why do zebras have stripes", ["zebra"]),
    "q2": ("how does lava come out of a volcano", ["volcano"]),
    "q3": ("what makes a loaf of bread rise", ["bread"]),
    "q4": ("why does a comet have a tail", ["comet"]),
    "q5": ("how is a violin played", ["violin"]),
    "q6": ("how do glaciers shape valleys", ["glacier"]),
}


@pytest.fixture
def dataset(tmp_path):
    folder = tmp_path / "tiny-beir"
    (folder / "qrels").mkdir(parents=True)
    lines = [json.dumps({"_id": name, "title": name.capitalize(), "text": text}) for name, text in TOPICS.items()]
    lines += [
        json.dumps({"_id": f"filler{i}", "title": "", "text": f"Filler note number {i} about nothing much."})
        for i in range(20)
    ]
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "queries.jsonl").write_text("\n".join(json.dumps({"_id": q, "text": t}) for q, (t, _) in QUERIES.items()))
    (folder / "qrels" / "test.tsv").write_text(
        "query-id\tcorpus-id\tscore\n" + "".join(f"{q}\t{d}\t1\n" for q, (_, docs) in QUERIES.items() for d in docs)
    )
    return folder


def test_metrics_by_hand():
    m = _metrics(["a", "b", "c"], {"b": 1, "z": 1})
    assert m["MRR@10"] == 0.5 and m["Recall@10"] == 0.5
    assert round(m["nDCG@10"], 4) == round((1 / 1.5849625) / (1 + 1 / 1.5849625), 4)


@pytest.mark.e2e
def test_beir_eval_builds_its_own_index_and_reports_three_rankings(dataset, tmp_path):
    index = tmp_path / "service-index"
    result = CliRunner().invoke(main, ["eval", "--beir", str(dataset), "--json", "--index", str(index)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == 26 and report["queries"] == 6 and report["build_seconds"] > 0
    assert set(report["metrics"]) == {"dense", "keyword", "hybrid"}
    assert report["metrics"]["hybrid"]["nDCG@10"] >= 0.9 and report["metrics"]["dense"]["Recall@10"] == 1.0
    assert not (index / "current").exists() and not (index / "builds").exists()  # the index in service is untouched
    assert (dataset / ".role-assistant" / "index" / "current").exists()


def test_a_folder_not_in_beir_layout_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["eval", "--beir", str(tmp_path)])
    assert result.exit_code == 2 and "not in BEIR layout" in result.stderr


@pytest.mark.e2e
def test_a_work_folder_follows_the_dataset_it_is_given(dataset, tmp_path):
    other = tmp_path / "other"
    (other / "qrels").mkdir(parents=True)
    (other / "corpus.jsonl").write_text(json.dumps({"_id": "x", "text": "Zebras have black and white stripes."}) + "\n")
    (other / "queries.jsonl").write_text(json.dumps({"_id": "q", "text": "zebra stripes"}) + "\n")
    (other / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq\tx\t1.0\n")  # a float score
    work = tmp_path / "work"
    for folder, documents in ((dataset, 26), (other, 1)):
        result = CliRunner().invoke(
            main,
            ["eval", "--beir", str(folder), "--beir-work", str(work), "--json", "--index", str(tmp_path / "index")],
        )
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["documents"] == documents


@pytest.mark.e2e
def test_a_split_other_than_test_reads_its_own_qrels(dataset, tmp_path):
    (dataset / "qrels" / "test.tsv").rename(dataset / "qrels" / "train.tsv")
    args = ["eval", "--beir", str(dataset), "--json", "--index", str(tmp_path / "index")]
    missing = CliRunner().invoke(main, args)
    assert missing.exit_code == 2 and "qrels/test.tsv is missing" in missing.stderr
    result = CliRunner().invoke(main, [*args, "--split", "train"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["queries"] == 6
    bad = CliRunner().invoke(main, [*args, "--split", "../x"])
    assert bad.exit_code == 2 and "not a split name" in bad.stderr
