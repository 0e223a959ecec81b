def pytest_configure(config):
    config.addinivalue_line(
        "markers", "benchmark_smoke: tiny run of benchmarks/pages.py (deselect with -m 'not benchmark_smoke')"
    )
