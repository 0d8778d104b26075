import dgram from 'node:dgram';

// A tiny authoritative DNS server on 127.0.0.1 for tests: answers A, CNAME
// and TXT questions over UDP from a table the test edits. Names not in the
// table get NXDOMAIN; names in it without a record of the asked type get an
// empty answer (NODATA). No recursion, no compression beyond the question.

export type TestDnsRecordType = 'A' | 'CNAME' | 'TXT';

const TYPE_CODE: Record<TestDnsRecordType, number> = {
  A: 1,
  CNAME: 5,
  TXT: 16,
};

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([
    ...labels.map(l => {
      const bytes = Buffer.from(l, 'ascii');
      return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    }),
    Buffer.from([0]),
  ]);
}

function encodeRdata(type: TestDnsRecordType, value: string): Buffer {
  if (type === 'A') return Buffer.from(value.split('.').map(Number));
  if (type === 'CNAME') return encodeName(value);
  const chunks: Buffer[] = [];
  const bytes = Buffer.from(value, 'utf8');
  for (let i = 0; i < bytes.length || i === 0; i += 255) {
    const part = bytes.subarray(i, i + 255);
    chunks.push(Buffer.from([part.length]), part);
  }
  return Buffer.concat(chunks);
}

/** The question of a query: its name, type and the raw bytes to echo. */
function parseQuestion(msg: Buffer) {
  let offset = 12;
  const labels: string[] = [];
  while (msg[offset] !== 0) {
    const length = msg[offset];
    labels.push(msg.toString('ascii', offset + 1, offset + 1 + length));
    offset += length + 1;
  }
  offset += 1;
  const type = msg.readUInt16BE(offset);
  offset += 4;
  return {
    name: labels.join('.').toLowerCase(),
    type,
    raw: msg.subarray(12, offset),
  };
}

export class TestDnsServer {
  private readonly records = new Map<string, string[]>();
  /** Questions asked so far, as `TYPE name` (to see that a check asked). */
  readonly questions: string[] = [];

  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (msg, rinfo) => {
      try {
        socket.send(this.answer(msg), rinfo.port, rinfo.address);
      } catch {
        // A malformed query gets no answer, as from a real server.
      }
    });
  }

  static async start(): Promise<TestDnsServer> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    return new TestDnsServer(socket);
  }

  /** `127.0.0.1:port`, as `woowCloudServices.customDomains.dnsServers` takes it. */
  get address(): string {
    return `127.0.0.1:${this.socket.address().port}`;
  }

  /** Sets the records of one name and type (replacing earlier ones). */
  set(name: string, type: TestDnsRecordType, values: string[]): void {
    this.records.set(this.key(name, type), values);
  }

  remove(name: string, type: TestDnsRecordType): void {
    this.records.delete(this.key(name, type));
  }

  async close(): Promise<void> {
    await new Promise<void>(resolve => this.socket.close(() => resolve()));
  }

  private key(name: string, type: TestDnsRecordType) {
    return `${type} ${name.toLowerCase().replace(/\.$/, '')}`;
  }

  private answer(query: Buffer): Buffer {
    const question = parseQuestion(query);
    const type = (Object.keys(TYPE_CODE) as TestDnsRecordType[]).find(
      t => TYPE_CODE[t] === question.type,
    );
    this.questions.push(`${type ?? question.type} ${question.name}`);
    const values = type
      ? this.records.get(this.key(question.name, type)) ?? []
      : [];
    const known = [...this.records.keys()].some(
      k => k.slice(k.indexOf(' ') + 1) === question.name,
    );
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // id
    const rd = query[2] & 0x01;
    header[2] = 0x84 | rd; // QR, AA, RD as asked
    header[3] = 0x80 | (known ? 0 : 3); // RA; NOERROR or NXDOMAIN
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(values.length, 6);
    const answers = values.map(value => {
      const rdata = encodeRdata(type!, value);
      const fixed = Buffer.alloc(12);
      fixed.writeUInt16BE(0xc00c, 0); // the question's name
      fixed.writeUInt16BE(TYPE_CODE[type!], 2);
      fixed.writeUInt16BE(1, 4); // IN
      fixed.writeUInt32BE(1, 6); // TTL
      fixed.writeUInt16BE(rdata.length, 10);
      return Buffer.concat([fixed, rdata]);
    });
    return Buffer.concat([header, question.raw, ...answers]);
  }
}
