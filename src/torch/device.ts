// torch.device: "cpu", "cuda", "cuda:N".
export type DeviceType = "cpu" | "cuda";

export class device {
  readonly type: DeviceType;
  readonly index: number | null;
  constructor(spec: string | device, index?: number) {
    if (spec instanceof device) {
      this.type = spec.type;
      this.index = spec.index;
      return;
    }
    const m = /^(cpu|cuda)(?::(\d+))?$/.exec(spec.trim());
    if (!m) throw new TypeError(`invalid device '${spec}': expected 'cpu', 'cuda' or 'cuda:N'`);
    this.type = m[1] as DeviceType;
    this.index = m[2] !== undefined ? Number(m[2]) : index ?? null;
  }
  toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `device(type='${this.type}'${this.index === null ? "" : `, index=${this.index}`})`;
  }
  equals(other: DeviceLike): boolean {
    const o = toDevice(other);
    return o.type === this.type && (o.index ?? 0) === (this.index ?? 0);
  }
}

export type DeviceLike = string | device;
export function toDevice(d: DeviceLike): device {
  return d instanceof device ? d : new device(d);
}
