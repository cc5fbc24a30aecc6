import io

from django.core.management import call_command

from . import seed


def run_import(source, *args, mapping_path=None) -> tuple[int, str]:
    """Run the command as an operator would; (exit status, report)."""
    out = io.StringIO()
    argv = ["--source", source.url, *args]
    if mapping_path is not None:
        argv += ["--mapping", str(mapping_path)]
    try:
        call_command("import_drupal7", *argv, stdout=out)
    except SystemExit as exit_:
        return int(exit_.code), out.getvalue()
    return 0, out.getvalue()


def write_mapping(tmp_path):
    path = tmp_path / "drupal.toml"
    path.write_text(seed.readme_mapping(), encoding="utf-8")
    return path
