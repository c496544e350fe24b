"""save_figure: the same bytes run after run, the data beside the figure, written atomically,
into the right folder; group_colours: colours from the labels present in the data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import analysis
from analysis.figures import OKABE_ITO, PAIR_COLOURS, figures_directory, group_colours
from analysis.paths import FIGURES_ENV, NOTEBOOKS_DIR, REPO_ROOT

DATA = pd.DataFrame({"side": ["critical", "favourable"], "value": [0.1 / 3, 2.0]})


def make_figure():
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    colours = group_colours(DATA["side"])
    ax.bar(DATA["side"], DATA["value"], color=DATA["side"].map(colours).tolist())
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


def test_the_environment_decides_first(tmp_path, monkeypatch):
    monkeypatch.setenv(FIGURES_ENV, str(tmp_path / "elsewhere"))
    monkeypatch.chdir(NOTEBOOKS_DIR)
    assert figures_directory() == tmp_path / "elsewhere"
    saved = analysis.save_figure(make_figure(), "toy", DATA)
    assert saved.png.parent == tmp_path / "elsewhere"


def test_the_project_notebooks_write_to_the_project_figures(monkeypatch):
    monkeypatch.delenv(FIGURES_ENV, raising=False)
    monkeypatch.chdir(NOTEBOOKS_DIR)
    assert figures_directory() == REPO_ROOT / "figures"


def test_a_folder_inside_the_notebooks_writes_to_the_project_figures(tmp_path, monkeypatch):
    # A stand-in project, so that no folder is made inside the real notebooks/.
    project = tmp_path / "project"
    (project / "notebooks" / "drafts" / "deeper").mkdir(parents=True)
    monkeypatch.setattr("analysis.figures.FIGURES_DIR", project / "figures")
    monkeypatch.setattr("analysis.figures.NOTEBOOKS_DIR", project / "notebooks")
    monkeypatch.delenv(FIGURES_ENV, raising=False)
    monkeypatch.chdir(project / "notebooks" / "drafts" / "deeper")
    assert figures_directory() == project / "figures"
    saved = analysis.save_figure(make_figure(), "toy", DATA)
    assert saved.csv == project / "figures" / "toy.csv"
    monkeypatch.chdir(project)  # the project root is not inside notebooks/
    assert figures_directory() == project.resolve() / "figures"
    monkeypatch.chdir(tmp_path)
    assert figures_directory() == tmp_path.resolve() / "figures"


def test_elsewhere_figures_go_to_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv(FIGURES_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert figures_directory() == tmp_path.resolve() / "figures"
    saved = analysis.save_figure(make_figure(), "toy", DATA)
    assert saved.png == tmp_path.resolve() / "figures" / "toy.png"
    assert saved.png.is_file()


def test_an_empty_environment_variable_is_not_a_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(FIGURES_ENV, "")
    monkeypatch.chdir(tmp_path)
    assert figures_directory() == tmp_path.resolve() / "figures"


def test_a_folder_named_notebooks_elsewhere_is_not_the_project(tmp_path, monkeypatch):
    monkeypatch.delenv(FIGURES_ENV, raising=False)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert figures_directory() == tmp_path.resolve() / "notebooks" / "figures"


def test_group_colours_two_labels_take_the_pair_in_sorted_order():
    assert group_colours(["south", "north", "south"]) == {
        "north": PAIR_COLOURS[0],
        "south": PAIR_COLOURS[1],
    }
    assert group_colours(["critical", "favourable"]) == {
        "critical": "#b2182b",
        "favourable": "#2166ac",
    }


def test_group_colours_more_labels_take_okabe_ito_and_cycle():
    labels = [f"g{i}" for i in range(9)]
    colours = group_colours(reversed(labels))
    assert list(colours) == labels
    assert list(colours.values()) == [*OKABE_ITO, OKABE_ITO[0], OKABE_ITO[1]]
    assert group_colours(["only"]) == {"only": OKABE_ITO[0]}


def test_group_colours_skip_missing_labels_and_sort_mixed_types_as_text():
    assert list(group_colours(["b", None, np.nan, "a"])) == ["a", "b"]
    assert list(group_colours([2024, "2023", 2025])) == ["2023", 2024, 2025]


def test_group_colours_user_colours_override_and_are_checked():
    colours = group_colours(["east", "north", "south"], colours={"north": "k", "west": "red"})
    assert colours == {"east": OKABE_ITO[0], "north": "k", "south": OKABE_ITO[2]}
    with pytest.raises(ValueError, match=r"colours\['north'\] = 'reddish'"):
        group_colours(["north"], colours={"north": "reddish"})
    with pytest.raises(TypeError, match="colours must map"):
        group_colours(["north"], colours=["red"])
    with pytest.raises(TypeError, match="collection of group labels"):
        group_colours("north")


def test_a_saved_figure_displays_the_png_it_wrote(tmp_path):
    saved = analysis.save_figure(make_figure(), "toy", DATA, directory=tmp_path)
    data, metadata = saved._repr_png_()
    assert data == saved.png.read_bytes()
    assert metadata["width"] == 300  # 3 inches at screen resolution
