"""eval: question sets, metrics, the eval runner with baselines, synthetic corpora, benchmarks.

    from eval.runner import run_eval, format_table     # reportqa eval
    from eval.bench import run_bench, format_bench     # reportqa bench
"""
__all__: list[str] = []
