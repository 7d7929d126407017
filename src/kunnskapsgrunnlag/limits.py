"""Every bound the tool puts on what an input may cost, in one place (README, "Grenser").

Each bound is reached only by a damaged or hostile input; a real project stays far below it.
What happens at each bound is a one-line message naming the file or option, never a hang.
"""

from __future__ import annotations

# Files
MAX_CONTENT_FILE_BYTES = 2 * 1024 * 1024  # one slide, notes, bibliography, recipe, diagram or theme file
MAX_DATA_FILE_BYTES = 32 * 1024 * 1024  # one statistics or registry file inside the project
MAX_USER_FILE_BYTES = 64 * 1024 * 1024  # a file named on the command line (stats import)

# YAML
MAX_YAML_NODES = 200_000  # values in one YAML document, with every alias expanded

# Templates (per rendered field)
MAX_TEMPLATE_OUTPUT_CHARS = 200_000  # rendered text of one field, and any string made while rendering
MAX_TEMPLATE_ITERATIONS = 100_000  # loop turns (every `for`, all loops together)
MAX_TEMPLATE_CALLS = 20_000  # function, method and macro calls
MAX_TEMPLATE_SECONDS = 2.0  # wall time of one field
MAX_TEMPLATE_DEPTH = 50  # macro recursion depth

# Network (stats fetch)
DEFAULT_FETCH_DEADLINE_SECONDS = 60.0  # everything: connecting, every attempt, waiting between them
MAX_RESPONSE_BYTES = 32 * 1024 * 1024  # one answer from the statistics service

# Temporary files
STALE_TEMP_SECONDS = 15 * 60  # a `.*.tmp` left by a killed run is removed after this long
