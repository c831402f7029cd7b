"""The jobs lrviz does, done the usual Python way, for bench/run.mjs to time.

    python3 bench/python/jobs.py csv|svg|png|torch STEPS OUT

csv: numpy computes the default cosine-warmup and np.savetxt writes it (%.17g: reads back exactly).
svg/png: matplotlib plots the numpy curve. torch: an SGD loop stepping LinearLR then CosineAnnealingLR
through SequentialLR, reading get_last_lr() each step, the way a training script meets its schedule.
"""
import sys


def cosine_warmup(np, steps):
    warmup = int(round(steps / 10))
    i = np.arange(steps, dtype=np.float64)
    ramp = 1e-3 + (0 - 1e-3) * (1 - i / warmup)
    t = i - warmup
    decay = 1e-3 * ((1 + np.cos(np.pi * (t / (steps - warmup)))) / 2)
    return i, np.where(i < warmup, ramp, decay)


def main():
    job, steps, out = sys.argv[1], int(float(sys.argv[2])), sys.argv[3]
    if job == 'torch':
        import torch
        warmup = int(round(steps / 10))
        param = torch.nn.Parameter(torch.zeros(1))
        optimizer = torch.optim.SGD([param], lr=1e-3)
        scheduler = torch.optim.lr_scheduler.SequentialLR(
            optimizer,
            [torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1e-8, total_iters=warmup),
             torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=steps - warmup)],
            milestones=[warmup])
        values = []
        for _ in range(steps):
            values.append(scheduler.get_last_lr()[0])
            optimizer.step()
            scheduler.step()
        with open(out, 'w') as f:
            f.write(str(len(values)))
        return
    import numpy as np
    steps_axis, lr = cosine_warmup(np, steps)
    if job == 'csv':
        np.savetxt(out, np.column_stack([steps_axis, lr]), fmt=['%d', '%.17g'], delimiter=',',
                   header='step,cosine-warmup', comments='', newline='\r\n')
        return
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=100)
    ax.plot(steps_axis, lr, label='cosine-warmup')
    ax.set_xlabel('step')
    ax.set_ylabel('learning rate')
    ax.legend()
    fig.savefig(out, format=job)


main()
