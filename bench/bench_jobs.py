"""Benchmark: linting a zoo serially and with a pool of worker processes (`--jobs`).

Run by hand (not a test):

    python bench/bench_jobs.py                       # 300 models, --jobs 1 and 2
    python bench/bench_jobs.py --models 300 --jobs 1 2 4 --break-even

It builds, in a temporary folder deleted afterwards, a zoo of complete, correct tiny
models (`zoolint.testing.modeldir.build_model_dir`: card, graph, samples, recipe,
checkpoint, deployment) at varied stubs, in the three layout generations. Each run is a
fresh process calling `zoolint.api.lint(..., jobs=N)`; the figure is its wall time
(the pool's processes included), best of `--runs`, runs interleaved so that every
setting sees the same load. It also checks that every setting produced the same JSON
report. `--break-even` times the first 2, 4, ... models serially and with two workers,
which is where `zoolint.parallel.AUTO_MODELS_PER_WORKER` comes from.

Figures measured on the development machine (2 cores shared with other jobs, load
average 1 to 3; wall seconds, best of 3, warm page cache; CPU of the lint process and
its workers):

    python bench/bench_jobs.py --models 300 --break-even
      300 models, 0 diagnostics; reports identical
        --jobs 1: 3.52 s; CPU 3.50 s
        --jobs 2: 1.95 s (1.80x); CPU 3.58 s
      break-even, --jobs 1 / --jobs 2 (CPU):
          2 models: 0.044 / 0.081 s (0.044 / 0.137 s)
          4 models: 0.064 / 0.093 s (0.064 / 0.157 s)
          8 models: 0.114 / 0.134 s (0.114 / 0.245 s)
         16 models: 0.257 / 0.182 s (0.257 / 0.325 s)
         32 models: 0.376 / 0.292 s (0.376 / 0.514 s)
         64 models: 0.890 / 0.533 s (0.872 / 0.967 s)

The pool costs about 90 ms of CPU for its two workers (fork, pages copied on write,
first-use work in each), 40 to 50 ms of it on the wall clock; each tiny directory
takes about 12 ms, so two workers gain from about 10 directories on, and "auto" starts
a pool from 16. Over a whole zoo the pool adds 2% of CPU (3.58 s against 3.50 s): what
is left of the speed-up's shortfall is the machine's other load.
