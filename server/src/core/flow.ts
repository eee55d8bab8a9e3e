import type { Maybe, Unknown } from './value';

/** Flows, as the NSG evaluator is asked about them and as a fix states what it may open. */
export type Direction = 'Inbound' | 'Outbound';

/** A side of a flow: a service tag, address prefixes (some possibly unresolved), or UNKNOWN altogether. */
export type Endpoint = { tag: string } | { prefixes: Maybe<string>[] } | Unknown;

export type FlowProtocol = 'Tcp' | 'Udp' | 'Icmp' | '*';

export interface Flow {
  direction: Direction;
  protocol: FlowProtocol;
  source: Endpoint;
  /** Default `*`. */
  sourcePorts?: string;
  destination: Endpoint;
  /** `454-455`, `*`, `80,443`. */
  destinationPorts: string;
}

