"""What the golden-case writers (gen_golden.py, gen_audit.py) share: the
policy texts' file names as packs cite them, and a deep merge of facts."""
import copy

L = '000_07b534b3317dd747.txt'; R = '001_ccfbe507711f7c12.txt'; Y = '002_3754f55f70f4ee16.txt'


def deep(a, b):
    """`a` with `b` merged in, dicts key by key; neither is changed."""
    a = copy.deepcopy(a)
    for k, v in b.items():
        if isinstance(v, dict) and isinstance(a.get(k), dict): a[k] = deep(a[k], v)
        else: a[k] = v
    return a
