/**
 * Why the server could not start, in plain words, with a stable code the UI and the CLI
 * can branch on (the CLI exits with 2 for bad input, 1 otherwise).
 */
export type SignalingStartErrorCode =
  | 'signal/bad-port'
  | 'signal/bad-host'
  | 'signal/bad-limits'
  | 'signal/port-in-use'
  | 'signal/host-unavailable'
  | 'signal/permission-denied'
  | 'signal/static-folder'
  | 'signal/failed';

export class SignalingStartError extends Error {
  override readonly name = 'SignalingStartError';
  constructor(
    readonly code: SignalingStartErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Turns a listen() failure into a SignalingStartError. */
export function describeListenError(error: unknown, host: string, port: number): SignalingStartError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const where = `${host}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return new SignalingStartError('signal/port-in-use', `Port ${port} is already in use on ${host}. Stop the other program or choose another port.`);
    case 'EADDRNOTAVAIL':
      return new SignalingStartError('signal/host-unavailable', `The address ${host} does not belong to this computer, so the server cannot listen on it. Choose one of this computer's network addresses.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return new SignalingStartError('signal/bad-host', `The host name ${host} could not be resolved to an address of this computer.`);
    case 'EACCES':
    case 'EPERM':
      return new SignalingStartError('signal/permission-denied', `Not allowed to listen on ${where}. Ports below 1024 usually need administrator rights; choose a higher port.`);
    default:
      return new SignalingStartError('signal/failed', `The signaling server could not start on ${where}: ${error instanceof Error ? error.message : String(error)}.`);
  }
}
