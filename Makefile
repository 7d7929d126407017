# Shortcuts for the README's two commands.
.PHONY: demo test check
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
check:
	.venv/bin/kunnskapsgrunnlag check
