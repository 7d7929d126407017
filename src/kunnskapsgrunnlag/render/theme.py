"""The theme: colours, fonts and sizes from templates/theme.yaml, typed and checked."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
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
    minimum_sizes: dict[str, float] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    master_name: str = ""
    footer_text: str = ""
    logo: Path | None = None  # an office's own logo (SVG or PNG) in templates/, beside the wordmark

    @property
    def content_width(self) -> float:
        return self.width - self.margins["left"] - self.margins["right"]

    @property
    def content_bottom(self) -> float:
        return self.height - self.margins["bottom"]

    def color(self, name: str) -> str:
        return self.colors.get(name, name)

    def role(self, size_name: str) -> str:
        """The role a named size serves (title, body, sub, diagram, source)."""
        return self.roles.get(size_name, "body")

    def minimum(self, role: str) -> float:
        return self.minimum_sizes.get(role, 0.0)


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
            minimum_sizes={k: float(v) for k, v in (data.get("minimum_sizes") or {}).items()},
            roles={k: str(v) for k, v in (data.get("roles") or {}).items()},
            master_name=str(data.get("master_name") or data["name"]),
            footer_text=str(data.get("footer") or ""),
            logo=find_logo(path.parent),
        )
    except UnreadableFile as exc:
        raise KunnskapsgrunnlagError(f"{path}: temaet kunne ikke leses: {exc.problem.message}") from exc
    except YamlSyntaxError as exc:
        raise KunnskapsgrunnlagError(str(exc.problem)) from exc
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise KunnskapsgrunnlagError(f"{path}: temaet kunne ikke leses: {exc}") from exc


MAX_LOGO_BYTES = 2_000_000


def find_logo(templates: Path) -> Path | None:
    """An office's own logo: templates/logo.svg or templates/logo.png, when one is there.

    Checked here, so a broken file is a message when the theme loads, never a traceback later.
    """
    for name in ("logo.svg", "logo.png"):
        candidate = templates / name
        if not candidate.is_file():
            continue
        if candidate.stat().st_size > MAX_LOGO_BYTES:
            raise KunnskapsgrunnlagError(
                f"{candidate}: logoen er større enn {MAX_LOGO_BYTES // 1_000_000} MB; bruk en mindre fil"
            )
        try:
            logo_png(candidate)
        except KunnskapsgrunnlagError:
            raise
        except Exception as exc:  # any parser error: the file is not a picture we can draw
            raise KunnskapsgrunnlagError(f"{candidate}: logoen kan ikke leses som {name[5:].upper()} ({exc})") from exc
        return candidate
    return None


LOGO_HEIGHT_PX = 240  # an SVG logo is drawn at this height (0.55 in at about 440 dpi)
MAX_LOGO_PIXELS = 4096


def logo_png(path: Path) -> bytes:
    """The logo as PNG bytes: a PNG as it is, an SVG rasterised (external files never fetched)."""
    from PIL import Image

    data = path.read_bytes()
    if path.suffix.lower() == ".svg":
        import cairosvg

        # unsafe=False (the default) keeps cairosvg from reading files or URLs the SVG names.
        data = cairosvg.svg2png(bytestring=data, output_height=LOGO_HEIGHT_PX, unsafe=False)
    with Image.open(io.BytesIO(data)) as image:
        if image.format != "PNG":
            raise KunnskapsgrunnlagError(f"{path}: forventet et PNG-bilde, fikk {image.format}")
        if max(image.size) > MAX_LOGO_PIXELS or min(image.size) < 1:
            raise KunnskapsgrunnlagError(
                f"{path}: logoen er {image.size[0]}×{image.size[1]} piksler; høyst {MAX_LOGO_PIXELS}"
            )
        image.verify()
    return data
