def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "benchmark_smoke: tiny runs of the scripts in benchmarks/ (deselect with -m 'not benchmark_smoke')",
    )
