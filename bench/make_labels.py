#!/usr/bin/env python3
"""Writes a markup file of N labels like golden/bench/reference.xml (each its own order number,
barcode and QR content) to standard output: the batch input of docs/performance.md.

    python3 bench/make_labels.py 10000 > /tmp/labels-10000.xml
"""
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
out = ['<PAGE w="100" l="60">']
for i in range(1, count + 1):
    order = f"20261125-{i:05d}"
    out.append(f"""  <LABEL id="{i}">
    <TEXT x="3" y="3">宫保鸡丁 Kung Pao Chicken</TEXT>
    <TEXT x="3" y="8" f="3">ORDER {order}</TEXT>
    <BARC x="3" y="16" ct="code128" n="2" h="50" s="2" a="left">{1234500000 + i}</BARC>
    <QRC x="70" y="20" s="4" e="M">https://www.xpyun.net/open/index.html?order={order}</QRC>
    <SQ x="1" y="1" xe="99" ye="59" lt="2"/>
    <BL x="1" y="14" w="98" h="0.25"/>
  </LABEL>""")
out.append("</PAGE>")
sys.stdout.write("\n".join(out) + "\n")
