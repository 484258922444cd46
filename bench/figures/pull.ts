// Figure: pulling a batch (lease + claims + every PoE, hash-verified, into the cache) through the
// real core's queue.pull from the real service on loopback, beside a raw HTTP download of the same
// bytes (the lease answer, then the documents 8 in flight) from a trivial endpoint, each hashed and
// written to disk with fsync. Keeps the last pulled profile for the render figure.
import { promises as fsp } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256Hex } from '../../electron/core/documents';
import type { BenchEnv } from '../config';
import type { SeedClaim } from '../data/service-claims';
import { signedInCore, type BenchCore } from '../rig/core';
import { withFetchTiming, type RouteTiming } from '../rig/fetch-timing';
import { startRawServer } from '../rig/raw-server';
import type { BenchService } from '../rig/service';
import { signIn } from '../../test/support/service';
import { check, figure, type Check, type Figure } from '../results';
import { median, now, round } from '../stats';

export interface PullResult {
  figure: Figure;
  /** The last pull's profile, still signed in and holding the lease (closed core, profile kept). */
  profileDir: string;
}

/** Downloads in flight in the baseline: the physical limit for the same bytes (the core also runs 8). */
const RAW_IN_FLIGHT = 8;

async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await fsp.open(file, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The lease answer's bytes as the service sends them (taken once by another reviewer, then released). */
async function leaseAnswerBytes(url: string, size: number): Promise<Uint8Array> {
  const rev = await signIn(url, 'rev2');
  const res = await rev.raw('leaseCreate', { body: { size } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 201) throw new Error(`leasing for the baseline answered ${res.status}: ${new TextDecoder().decode(bytes).slice(0, 300)}`);
  const { lease } = JSON.parse(new TextDecoder().decode(bytes)) as { lease: { id: string } };
  await rev.call('leaseRelease', { params: { id: lease.id } });
  return bytes;
}

export async function measurePull(env: BenchEnv, svc: BenchService, claims: SeedClaim[]): Promise<PullResult> {
  const { reps } = env.sizes.pull;
  const docs = claims.flatMap((c) => c.documents);
  const docBytes = docs.reduce((s, d) => s + d.bytes.byteLength, 0);
  const rawDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-raw-files-'));
  const leaseBytes = await leaseAnswerBytes(svc.url, claims.length);
  fs.writeFileSync(path.join(rawDir, 'lease.json'), leaseBytes);
  for (const d of docs) fs.writeFileSync(path.join(rawDir, d.ref.sha256), d.bytes);
  const raw = await startRawServer(rawDir);

  const coreMs: number[] = [];
  const rawMs: number[] = [];
  const phases: { lease: number; documents: number; other: number }[] = [];
  const checks: Record<string, Check> = {};
  let profileDir = '';

  const corePull = async (rep: number) => {
    const bc: BenchCore = await signedInCore(svc.url, 'rev1');
    try {
      const t = now();
      const { value: out, routes } = await withFetchTiming(() => bc.call('queue.pull', { size: claims.length }));
      coreMs.push(now() - t);
      // Wall-clock time with a request of the route in flight (8 document requests at once count once).
      const ms = (route: string) => routes.filter((r: RouteTiming) => r.route === route).reduce((a, r) => a + r.wallMs, 0);
      phases.push({
        lease: ms('POST /api/v1/leases'),
        documents: ms('GET /api/v1/documents/:sha256'),
        other: routes.reduce((a, r) => a + r.wallMs, 0) - ms('POST /api/v1/leases') - ms('GET /api/v1/documents/:sha256'),
      });
      // Every document is in the cache and reads back verified (the cache re-hashes on read).
      let verified = 0;
      let bytes = 0;
      for (const d of docs) {
        const read = await bc.core.ctx.docs.read(d.ref.sha256);
        if (read && sha256Hex(read) === d.ref.sha256) {
          verified++;
          bytes += read.byteLength;
        }
      }
      checks[`claims-${rep}`] = check(out.claims === claims.length, `pull ${rep + 1}: ${out.claims}/${claims.length} claims leased and cached`);
      checks[`verified-${rep}`] = check(
        verified === docs.length && bytes === docBytes,
        `pull ${rep + 1}: ${verified}/${docs.length} PoE documents (${bytes}/${docBytes} bytes) hash-verified in the cache`,
      );
      if (rep < reps - 1) {
        await bc.call('queue.release');
        await bc.close();
      } else {
        await bc.close({ keepProfile: true });
        profileDir = bc.profileDir;
      }
    } catch (error) {
      await bc.close();
      throw error;
    }
  };

  const rawDownload = async (rep: number) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-raw-download-'));
    try {
      let bytes = 0;
      const t = now();
      const lease = new Uint8Array(await (await fetch(`${raw.url}/files/lease.json`)).arrayBuffer());
      await writeDurably(path.join(dir, 'lease.json'), lease);
      const queue = [...docs];
      const worker = async () => {
        for (let d = queue.shift(); d; d = queue.shift()) {
          const b = new Uint8Array(await (await fetch(`${raw.url}/files/${d.ref.sha256}`)).arrayBuffer());
          if (sha256Hex(b) !== d.ref.sha256) throw new Error(`raw download: ${d.ref.sha256} arrived with other bytes`);
          await writeDurably(path.join(dir, d.ref.sha256), b);
          bytes += b.byteLength;
        }
      };
      await Promise.all(Array.from({ length: Math.min(RAW_IN_FLIGHT, docs.length) }, worker));
      rawMs.push(now() - t);
      checks[`raw-${rep}`] = check(
        bytes === docBytes && lease.byteLength === leaseBytes.byteLength,
        `raw download ${rep + 1}: ${bytes + lease.byteLength} bytes`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  try {
    for (let rep = 0; rep < reps; rep++) {
      if (rep % 2 === 0) {
        await corePull(rep);
        await rawDownload(rep);
      } else {
        await rawDownload(rep);
        await corePull(rep);
      }
      env.log(`  pull ${rep + 1}/${reps}: core ${coreMs.at(-1)!.toFixed(0)} ms, raw ${rawMs.at(-1)!.toFixed(0)} ms`);
    }
  } finally {
    await raw.stop();
    fs.rmSync(rawDir, { recursive: true, force: true });
  }

  const mb = (docBytes + leaseBytes.byteLength) / 1e6;
  return {
    profileDir,
    figure: figure({
      id: 'pull',
      title: 'Pull a batch into the cache (queue.pull, hash-verified)',
      size: `${claims.length} claims, ${docs.length} PoE PDFs of ${Math.round(docBytes / docs.length / 1000)} KB`,
      unit: 'ms',
      statistic: 'median',
      value: median(coreMs),
      baseline: median(rawMs),
      baselineLabel: 'raw HTTP download of the same bytes from a trivial loopback endpoint, 8 in flight, each hashed and written with fsync, median',
      target: { kind: 'ratio-max', limit: 1.3, text: '≤ 1.3×' },
      samples: coreMs.length,
      checks,
      details: {
        megabytes: round(mb),
        leaseAnswerKB: round(leaseBytes.byteLength / 1000),
        coreMBps: round(mb / (median(coreMs) / 1000)),
        rawMBps: round(mb / (median(rawMs) / 1000)),
        // Where the time goes: waiting for the lease answer, for the document downloads, for other
        // calls (calendar, change feed); the rest is the workstation storing and verifying.
        serviceLeaseMs: round(median(phases.map((p) => p.lease))),
        serviceDocumentsWallMs: round(median(phases.map((p) => p.documents))),
        serviceOtherMs: round(median(phases.map((p) => p.other))),
        // the pull's time with no service request in flight: the workstation's own work alone
        workstationAloneMs: round(median(coreMs.map((c, i) => c - phases[i]!.lease - phases[i]!.documents - phases[i]!.other))),
      },
    }),
  };
}
