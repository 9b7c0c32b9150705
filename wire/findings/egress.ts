import { Type, type Static } from '@sinclair/typebox';

export const MAX_EGRESS_CONNECTIONS = 200;

/** TCP states as the kernel names them in include/net/tcp_states.h. */
export const TCP_STATES = [
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'NEW_SYN_RECV',
  'UNKNOWN',
] as const;

export const EgressConnectionSchema = Type.Object(
  {
    /** Remote address; IPv4-mapped IPv6 addresses are shown as IPv4. */
    remote: Type.String({ minLength: 2, maxLength: 45 }),
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    local: Type.String({ minLength: 2, maxLength: 45 }),
    localPort: Type.Integer({ minimum: 0, maximum: 65535 }),
    state: Type.Union(TCP_STATES.map((state) => Type.Literal(state))),
    family: Type.Union([Type.Literal('ipv4'), Type.Literal('ipv6')]),
  },
  { additionalProperties: false },
);
export type EgressConnection = Static<typeof EgressConnectionSchema>;

export const EgressSectionSchema = Type.Object(
  {
    /** Connections to a watched port outside the allowed mirror networks, at most MAX_EGRESS_CONNECTIONS. */
    connections: Type.Array(EgressConnectionSchema, { maxItems: MAX_EGRESS_CONNECTIONS }),
    /** Count of such connections before truncation. */
    total: Type.Integer({ minimum: 0 }),
    /** Lines of /proc/net/tcp{,6} that did not parse. */
    malformedLines: Type.Integer({ minimum: 0 }),
    /** Files that could not be read, e.g. tcp6 on a node without IPv6. */
    problems: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 10 }),
  },
  { additionalProperties: false },
);
export type EgressSection = Static<typeof EgressSectionSchema>;
