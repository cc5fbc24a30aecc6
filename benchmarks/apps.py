from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """Commands for ``make bench``: synthetic content and search timings.

    A development tool: installed by the test settings and, with
    MOVISIE_BENCHMARKS=true, by the benchmark scripts; never in the
    production image (.dockerignore leaves this folder out).
    """

    name = "benchmarks"
    verbose_name = "Benchmarks"
