"use client";

import { createContext, useContext, useState, type ReactNode } from "react";

/**
 * A status line that outlives the control that spoke: removing a destination
 * re-renders the table without its row (and the row's own result), so the
 * result is said here, beside the table, for everyone and for screen readers.
 */
const Announce = createContext<(message: string) => void>(() => {});

export function Announcer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  return (
    <Announce.Provider value={setMessage}>
      {children}
      <p role="status" className="text-success-darker">
        {message}
      </p>
    </Announce.Provider>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(Announce);
}
