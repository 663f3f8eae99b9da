// The event emitter json-rules-engine's Engine and Rule inherit (eventemitter2's API, the part its users
// call): listeners run in the order added, and `emitAsync` waits for every promise they return.

/** A listener of an engine or rule event; a returned promise is awaited before the run moves on. */
export type Listener = (...args: never[]) => unknown;

/** Listeners by event name, for Engine and Rule. */
export class AsyncEmitter {
  private readonly listenersByEvent = new Map<string, Listener[]>();

  /** Adds a listener for `event`. */
  on(event: string, listener: Listener): this {
    const list = this.listenersByEvent.get(event);
    if (list) list.push(listener);
    else this.listenersByEvent.set(event, [listener]);
    return this;
  }

  /** Same as `on`. */
  addListener(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  /** The listener runs on the next `event` only. */
  once(event: string, listener: Listener): this {
    const wrapper = (...args: never[]) => {
      this.off(event, wrapper);
      return listener(...args);
    };
    return this.on(event, wrapper);
  }

  /** Removes one listener of `event`. */
  off(event: string, listener: Listener): this {
    const list = this.listenersByEvent.get(event);
    const at = list ? list.indexOf(listener) : -1;
    if (at >= 0) list!.splice(at, 1);
    if (list && list.length === 0) this.listenersByEvent.delete(event);
    return this;
  }

  /** Same as `off`. */
  removeListener(event: string, listener: Listener): this {
    return this.off(event, listener);
  }

  /** Removes the listeners of `event`, or of every event. */
  removeAllListeners(event?: string): this {
    if (event === undefined) this.listenersByEvent.clear();
    else this.listenersByEvent.delete(event);
    return this;
  }

  /** The listeners of `event`, in the order they run. */
  listeners(event: string): Listener[] {
    return [...(this.listenersByEvent.get(event) ?? [])];
  }

  /** How many listeners `event` has, or all events together. */
  listenerCount(event?: string): number {
    if (event !== undefined) return this.listenersByEvent.get(event)?.length ?? 0;
    let count = 0;
    for (const list of this.listenersByEvent.values()) count += list.length;
    return count;
  }

  /** Calls the listeners in order; true when there was one. */
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listenersByEvent.get(event);
    if (!list) return false;
    for (const listener of [...list]) (listener as (...a: unknown[]) => unknown)(...args);
    return true;
  }

  /** Calls the listeners in order, then waits for all they returned; a listener that throws rejects. */
  emitAsync(event: string, ...args: unknown[]): Promise<unknown[]> {
    const list = this.listenersByEvent.get(event);
    if (!list) return Promise.resolve([]);
    try {
      return Promise.all([...list].map((listener) => (listener as (...a: unknown[]) => unknown)(...args)));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}
