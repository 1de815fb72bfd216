// Renders the ZPL equivalent of golden/bench/reference.xml with zpl-renderer-js (wasm) on one
// thread for DURATION CPU seconds and prints "zpl-renderer-js LABELS_PER_CPU_SECOND".
const zpl = '^XA ^CI28 ^PW800 ^LL480 ^FO8,8^GB784,464,2^FS ^FO24,24^A0N,24,24^FD宫保鸡丁 Kung Pao Chicken^FS ' +
  '^FO24,64^A0N,24,16^FDORDER 20261125-0042^FS ^FO8,112^GB784,2,2^FS ' +
  '^FO24,128^BY2^BCN,50,Y,N,N,A^FD1234567890^FS ^FO560,160^BQN,2,4^FDMA,https://www.xpyun.net/open/index.html^FS ^XZ';
const seconds = Number(process.argv[2] || 5);

(async () => {
  const lib = require('zpl-renderer-js');
  const { api } = await lib.ready;
  await api.zplToBase64Async(zpl, 100, 60, 8);  // warm-up
  let count = 0;
  // CPU time (user + system, microseconds), as the other programs of run.sh count it.
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  const start = cpu();
  let elapsed = 0;
  while (elapsed < seconds) {
    await api.zplToBase64Async(zpl, 100, 60, 8);
    ++count;
    elapsed = cpu() - start;
  }
  console.log(`zpl-renderer-js ${(count / elapsed).toFixed(1)}`);
})().catch((e) => { console.error(e); process.exit(1); });
