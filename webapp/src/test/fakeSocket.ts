import { act } from '@testing-library/react';

/** A WebSocket the test drives: it records every socket the code under test opens and lets the test send and close. */
export class FakeSocket {
  static opened: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.opened.push(this);
  }
  send() {}
  close() {}
  open() {
    act(() => this.onopen?.());
  }
  receive(message: unknown) {
    act(() => this.onmessage?.({ data: JSON.stringify(message) }));
  }
  /** Closes from the server's side; 1006 is what a browser reports for a connection that just went away. */
  drop(code = 1006) {
    act(() => this.onclose?.({ code }));
  }
}
