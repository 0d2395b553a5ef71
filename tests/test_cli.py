"""The command line: contracts, messages and exit codes."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import CORPUS, EVAL

from assistant.cli import main
from assistant.config import Settings


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_help_is_instant_and_imports_no_heavy_library():
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom assistant.cli import main\n"
        "for args in (['--help'], ['ask', '--help'], ['build', '--help']):\n"
        "    assert CliRunner().invoke(main, args).exit_code == 0\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'faiss', 'bm25s') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_exits_2_with_a_message(question):
    result = run("ask", question)
    assert result.exit_code == 2 and "question is empty" in result.stderr
    assert "Traceback" not in result.output


def test_missing_corpus_is_a_clear_error(tmp_path):
    result = run("build", "--corpus", str(tmp_path / "none"), "--index", str(tmp_path / "i"))
    assert result.exit_code == 1 and "does not exist" in result.stderr


@pytest.fixture(scope="module")
def index_args(real_index_dir):
    return ["--corpus", str(CORPUS), "--index", str(real_index_dir)]


@pytest.mark.e2e
def test_ask_json(index_args):
    result = run("ask", "who deploys models?", "--json", *index_args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["role"] == "ml_engineer" and data["answer"].startswith("ML engineers:")
    assert any("deploying machine learning products" in p["text"] for p in data["passages"])


@pytest.mark.e2e
def test_ask_human_output_and_history(index_args):
    result = run("ask", "how much do they earn?", "--history", "who deploys models?", "-k", "3", *index_args)
    assert result.exit_code == 0, result.stderr
    assert "how much do ML engineers earn?" in result.stdout and "$132,651" in result.stdout
    assert result.stdout.count("score") == 3


@pytest.mark.e2e
def test_ask_jsonl_keeps_order_ids_and_survives_bad_lines(index_args):
    lines = [
        json.dumps({"id": 1, "q": "who deploys models?"}),
        "not json",
        json.dumps({"id": "b", "q": "how much do they earn?", "history": ["who deploys models?"]}),
        json.dumps({"id": 3, "q": ""}),
    ]
    result = run("ask", "--jsonl", *index_args, input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == [1, None, "b", 3]
    assert out[0]["role"] == "ml_engineer" and "error" in out[1] and "error" in out[3]
    assert out[2]["resolved_question"] == "how much do ML engineers earn?"


@pytest.mark.e2e
def test_long_question_is_cut_with_a_notice(index_args):
    result = run("ask", "salary " * 400, "--json", *index_args)
    assert result.exit_code == 0 and "cut to its first 2,000 characters" in result.stderr


@pytest.mark.e2e
def test_eval_reports_the_metrics(index_args):
    result = run(
        "eval",
        str(EVAL / "dev_questions.jsonl"),
        "--offtopic",
        str(EVAL / "dev_offtopic.jsonl"),
        "--followups",
        str(EVAL / "dev_followups.jsonl"),
        "--json",
        *index_args,
    )
    assert result.exit_code == 0, result.stderr
    metrics = json.loads(result.stdout)["metrics"]
    assert {
        "R@1",
        "R@3",
        "R@5",
        "MRR",
        "role_accuracy",
        "answer_accuracy",
        "offtopic_abstention",
        "false_abstentions",
        "followup_R@3",
    } <= set(metrics)


@pytest.mark.e2e
def test_corrupt_index_is_one_clear_line(tmp_path, real_embedder):

    from assistant.build import build_index
    from assistant.config import Settings
    from assistant.store import IndexStore

    settings = Settings(corpus_dir=CORPUS, index_dir=tmp_path / "index")
    build_index(settings, real_embedder)
    (IndexStore(settings.index_dir).current_path() / "dense.faiss").write_bytes(b"broken")
    result = run("ask", "who deploys models?", "--corpus", str(CORPUS), "--index", str(settings.index_dir))
    assert result.exit_code == 1 and "dense.faiss" in result.stderr and "assistant build" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.e2e
def test_build_dry_run_and_console_script(tmp_path):
    index = tmp_path / "index"
    result = run("build", "--dry-run", "--corpus", str(CORPUS), "--index", str(index))
    assert result.exit_code == 0 and "plan: +3 ~0 -0 =0" in result.stdout and not index.exists()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "ask",
            "who deploys models?",
            "--json",
            "--corpus",
            str(CORPUS),
            "--index",
            str(index),
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "No index has been built yet" in out.stderr and json.loads(out.stdout)["role"] == "ml_engineer"


@pytest.mark.e2e
def test_ask_with_only_an_index_answers_from_the_corpus_it_was_built_from(tmp_path, monkeypatch):
    # trial 8: `ask --index B` rebuilt B from ./corpus (the article alone), losing the user's documents
    import shutil

    mine, other = tmp_path / "mine", tmp_path / "here" / "corpus"
    shutil.copytree(CORPUS, mine, ignore=shutil.ignore_patterns("eval"))
    shutil.copytree(CORPUS, other, ignore=shutil.ignore_patterns("eval"))
    (mine / "analyst.md").write_text("# Product Analyst\n\n## Pay\n\nA product analyst earns $97,500.\n")
    index = tmp_path / "index"
    assert run("build", "--corpus", str(mine), "--index", str(index)).exit_code == 0
    built = (index / "current").resolve()
    monkeypatch.chdir(tmp_path / "here")  # where ./corpus is another one
    result = run("ask", "What does a product analyst earn?", "--json", "--index", str(index))
    assert result.exit_code == 0, result.stderr
    assert "$97,500" in json.loads(result.stdout)["answer"] and (index / "current").resolve() == built
    assert "rebuilding" not in result.stderr


def test_feedback_export(tmp_path):
    from assistant.web.database import SQLITE_NAME, SQLiteDatabase
    from assistant.web.feedback import FeedbackStore

    result = run("feedback", "--index", str(tmp_path), "--export", str(tmp_path / "out.csv"))
    assert result.exit_code == 2 and "no feedback yet" in result.stderr
    FeedbackStore(SQLiteDatabase(tmp_path / SQLITE_NAME)).record("q", "q", ["a#1"], True)
    result = run("feedback", "--index", str(tmp_path), "--export", str(tmp_path / "out.csv"))
    assert result.exit_code == 0 and "wrote 1 votes" in result.stdout
    assert (tmp_path / "out.csv").read_text().splitlines()[0].startswith("id,created_at,question")


@pytest.mark.e2e
def test_answering_never_imports_torch(tmp_path):
    index = tmp_path / "index"
    assert run("build", "--corpus", str(CORPUS), "--index", str(index)).exit_code == 0  # exports the ONNX model
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom assistant.cli import main\n"
        f"r = CliRunner().invoke(main, ['ask', 'who deploys models?', '--json', '--index', {str(index)!r}, "
        f"'--corpus', {str(CORPUS)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers', 'gradio') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_port_check_ignores_connections_of_a_stopped_server():
    """A server that closed its connections first leaves them in TIME_WAIT for about a minute;
    the check before `serve` loads the model binds as uvicorn does (SO_REUSEADDR), so they do
    not make it refuse to start."""
    import socket

    from assistant.testing import free_port
    from assistant.web.commands import cannot_listen

    port = free_port()
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = listener.accept()
        accepted.close()  # the server side closes first: its end waits in TIME_WAIT
        client.recv(1)
        client.close()
    assert cannot_listen("127.0.0.1", port) is None
    with socket.socket() as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        busy.bind(("127.0.0.1", port))
        busy.listen()
        assert cannot_listen("127.0.0.1", port) == "Address already in use"  # a live server still counts


@pytest.mark.e2e
def test_serve_starts_again_right_after_a_stop(tmp_path, real_index_dir, real_embedder):
    import httpx
    from servers import Served, index_copy

    settings = Settings(corpus_dir=CORPUS, index_dir=index_copy(real_index_dir, real_embedder, tmp_path / "index"))
    first = Served(settings)
    with httpx.Client() as browser:  # keep-alive connections, closed by the server when it stops
        for _ in range(3):
            assert browser.post(first.url + "api/ask", json={"q": "who deploys models?"}).status_code == 200
        first.stop()
    second = Served(settings, port=first.port)  # at once, on the same port
    try:
        assert httpx.get(second.url + "api/health").status_code == 200
    finally:
        err = second.stop()
    assert "Address already in use" not in err


def test_ask_help_says_which_options_only_apply_when_it_builds():
    """New users read `ask --help`'s build options as options of asking (trials 34-39)."""
    result = run("ask", "--help")
    text = " ".join(result.stdout.split())
    assert result.exit_code == 0 and "it is built first" in text
    assert "When building: larger documents are skipped." in text and "When building: the quality gate" in text


@pytest.mark.e2e
def test_the_build_names_the_questions_its_quality_gate_asked(tmp_path):
    """ "quality: R@3 1.00 on 12 golden questions" read as a check of the new documents (trials
    36-39): the line names the files the questions came from."""
    result = run("build", "--corpus", str(CORPUS), "--index", str(tmp_path / "index"))
    assert result.exit_code == 0, result.output
    quality = next(line for line in result.stdout.splitlines() if line.startswith("quality: "))
    assert f"questions from {CORPUS / 'eval' / 'golden.jsonl'} (add your own about new documents there)" in quality
