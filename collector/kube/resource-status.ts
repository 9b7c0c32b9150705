/** Whether the cluster view holds a complete, current copy of one resource. */
export type ResourceState = 'pending' | 'synced' | 'failed' | 'forbidden';

export interface ResourceStatus {
  state: ResourceState;
  /** Last list or watch error while not synced, one line. */
  error: string | null;
  /** Epoch milliseconds of the last state change. */
  since: number;
}
