"""save_figure: the same bytes run after run, the data beside the figure, written atomically."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

import analysis
from analysis.paths import FIGURES_ENV, figures_dir

DATA = pd.DataFrame({"side": ["critical", "favourable"], "value": [0.1 / 3, 2.0]})


def make_figure():
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.bar(DATA["side"], DATA["value"], color=list(analysis.SIDE_COLOURS.values()))
    ax.set_title("A toy figure")
    return fig


def test_same_figure_gives_the_same_bytes_twice(tmp_path):
    first = analysis.save_figure(make_figure(), "toy", DATA, directory=tmp_path / "a")
    second = analysis.save_figure(make_figure(), "toy", DATA, directory=tmp_path / "b")
    for a, b in zip(
        (first.png, first.svg, first.csv), (second.png, second.svg, second.csv), strict=True
    ):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_files_carry_no_date_or_version(tmp_path):
    saved = analysis.save_figure(make_figure(), "toy", DATA, directory=tmp_path)
    svg = saved.svg.read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert "Matplotlib v" not in svg
    assert b"Software" not in saved.png.read_bytes()


def test_csv_holds_the_data_drawn(tmp_path):
    saved = analysis.save_figure(make_figure(), "toy", DATA, directory=tmp_path)
    assert saved.csv.read_text(encoding="utf-8") == (
        "side,value\ncritical,0.03333333333\nfavourable,2\n"
    )


def test_no_temporary_file_is_left_and_the_old_figure_is_replaced(tmp_path):
    analysis.save_figure(make_figure(), "toy", DATA, directory=tmp_path)
    analysis.save_figure(make_figure(), "toy", DATA.assign(value=[1.0, 1.0]), directory=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["toy.csv", "toy.png", "toy.svg"]
    assert "critical,1\n" in (tmp_path / "toy.csv").read_text(encoding="utf-8")


def test_a_failed_write_leaves_the_old_files_whole(tmp_path, monkeypatch):
    analysis.save_figure(make_figure(), "toy", DATA, directory=tmp_path)
    before = (tmp_path / "toy.csv").read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("analysis.figures.os.replace", broken)
    with pytest.raises(OSError, match="disk full"):
        analysis.save_figure(
            make_figure(), "toy", DATA.assign(value=[5.0, 5.0]), directory=tmp_path
        )
    assert (tmp_path / "toy.csv").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["toy.csv", "toy.png", "toy.svg"]


@pytest.mark.parametrize("name", ["../escape", "figures/x", "x.png", "", "Upper"])
def test_names_are_stems_not_paths(tmp_path, name):
    with pytest.raises(ValueError, match="figure name"):
        analysis.save_figure(make_figure(), name, DATA, directory=tmp_path)


def test_data_must_be_a_dataframe(tmp_path):
    with pytest.raises(TypeError, match="DataFrame"):
        analysis.save_figure(make_figure(), "toy", [1, 2], directory=tmp_path)


def test_figures_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(FIGURES_ENV, str(tmp_path))
    assert figures_dir() == tmp_path
    saved = analysis.save_figure(make_figure(), "toy", DATA)
    assert saved.png.parent == tmp_path


def test_a_saved_figure_displays_the_png_it_wrote(tmp_path):
    saved = analysis.save_figure(make_figure(), "toy", DATA, directory=tmp_path)
    data, metadata = saved._repr_png_()
    assert data == saved.png.read_bytes()
    assert metadata["width"] == 300  # 3 inches at screen resolution
