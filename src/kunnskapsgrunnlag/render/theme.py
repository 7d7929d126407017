"""The theme: colours, fonts and sizes from templates/theme.yaml, typed and checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import KunnskapsgrunnlagError
from ..load.contentfile import UnreadableFile, read_content_file
from ..load.yamlsource import YamlSyntaxError, parse_yaml

EMU_PER_INCH = 914400


@dataclass(frozen=True)
class Theme:
    name: str
    width: float
    height: float
    font: str
    font_files: dict[str, str]
    colors: dict[str, str]
    sizes: dict[str, float]
    margins: dict[str, float]
    wordmark_text: str
    wordmark_color: str
    line_spacing: float
    paragraph_space_after: float

    @property
    def content_width(self) -> float:
        return self.width - self.margins["left"] - self.margins["right"]

    @property
    def content_bottom(self) -> float:
        return self.height - self.margins["bottom"]

    def color(self, name: str) -> str:
        return self.colors.get(name, name)


def load_theme(path: Path) -> Theme:
    try:
        # The theme lives in <project>/templates/; it is a content file like any other.
        data = parse_yaml(read_content_file(path, path.parent.parent), str(path))
        return Theme(
            name=data["name"],
            width=float(data["slide"]["width"]),
            height=float(data["slide"]["height"]),
            font=data["fonts"]["latin"],
            font_files=dict(data["fonts"]["files"]),
            colors={k: str(v).upper() for k, v in data["colors"].items()},
            sizes={k: float(v) for k, v in data["sizes"].items()},
            margins={k: float(v) for k, v in data["margins"].items()},
            wordmark_text=data["wordmark"]["text"],
            wordmark_color=data["wordmark"]["color"],
            line_spacing=float(data["line_spacing"]),
            paragraph_space_after=float(data["paragraph_space_after"]),
        )
    except UnreadableFile as exc:
        raise KunnskapsgrunnlagError(f"{path}: temaet kunne ikke leses: {exc.problem.message}") from exc
    except YamlSyntaxError as exc:
        raise KunnskapsgrunnlagError(str(exc.problem)) from exc
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise KunnskapsgrunnlagError(f"{path}: temaet kunne ikke leses: {exc}") from exc
