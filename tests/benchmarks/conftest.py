def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "benchmark_smoke: tiny runs of benchmarks/pages.py and topology.py (deselect with -m 'not benchmark_smoke')",
    )
