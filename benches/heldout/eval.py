#!/usr/bin/env python3
"""Held-out eval. Usage: python3 eval.py /path/to/leakhound [--json out.json]
Scans each corpus line individually via `stdin --format jsonl --quiet`."""
import sys, json, subprocess, collections, os
from concurrent.futures import ThreadPoolExecutor
D=os.path.dirname(os.path.abspath(__file__))
BIN=sys.argv[1] if len(sys.argv)>1 else '/tmp/leakhound-eval'
def rd(f): return open(os.path.join(D,f)).read().split('\n')[:-1]
P=rd('positives.txt'); L=rd('positives_labels.txt'); N=rd('negatives.txt')
assert len(P)==len(L)
def scan(line):
    r=subprocess.run([BIN,'stdin','--format','jsonl','--quiet'],input=(line+'\n').encode(),capture_output=True,timeout=60)
    if r.returncode not in (0,1): return ('ERROR rc=%d %s'%(r.returncode,r.stderr.decode()[:200]),)
    rules=[]
    for o in r.stdout.decode().splitlines():
        o=o.strip()
        if not o: continue
        try: j=json.loads(o)
        except Exception: continue
        rules.append(j.get('rule_id','?'))
    if r.returncode==1 and not rules: rules=['(exit1-unparsed)']
    return tuple(rules)
with ThreadPoolExecutor(16) as ex:
    pr=list(ex.map(scan,P)); nr=list(ex.map(scan,N))
errs=[x for x in pr+nr if x and str(x[0]).startswith('ERROR')]
if errs: print('ERRORS:',len(errs),errs[0])
hit=[bool(r) and not str(r[0]).startswith('ERROR') for r in pr]
fa=[bool(r) and not str(r[0]).startswith('ERROR') for r in nr]
print(f'binary: {BIN}')
print(f'recall: {sum(hit)}/{len(P)} = {sum(hit)/len(P):.1%}')
print(f'false-alarm rate: {sum(fa)}/{len(N)} = {sum(fa)/len(N):.1%}')
byp=collections.defaultdict(lambda:[0,0])
for l,h in zip(L,hit): byp[l][0]+=h; byp[l][1]+=1
print('\nper-provider recall:')
for p,(h,t) in sorted(byp.items(),key=lambda x:(x[1][0]/x[1][1],x[0])):
    print(f'  {p:16s} {h}/{t} = {h/t:.0%}' + ('' if h==t else '  <--'))
print('\nMISSED POSITIVES (by provider):')
for p in sorted(byp):
    miss=[P[i] for i in range(len(P)) if L[i]==p and not hit[i]]
    if miss:
        print(f'[{p}]')
        for m in miss: print('   ',m)
print('\nFALSE ALARMS (negatives):')
for i,f in enumerate(fa):
    if f: print(f'  [{",".join(sorted(set(nr[i])))}] {N[i]}')
if '--json' in sys.argv:
    json.dump({'recall':sum(hit)/len(P),'far':sum(fa)/len(N),'pos':[[L[i],P[i],list(pr[i])] for i in range(len(P))],'neg':[[N[i],list(nr[i])] for i in range(len(N))]},open(sys.argv[sys.argv.index('--json')+1],'w'),indent=1)
