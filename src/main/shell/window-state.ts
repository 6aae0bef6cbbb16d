/**
 * The window's size and place, remembered across starts in a small JSON file in
 * the profile (window-state.json). What is read back is checked: a file from a
 * bigger or unplugged screen must never put the window where nobody can see it.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the system centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const windowStateFileName = 'window-state.json';
export const defaultWindowState: WindowState = { width: 1280, height: 820, maximized: false };
export const minWindowSize = { width: 720, height: 480 };
const maxSide = 16_384;
/** At least this much of the title bar's row must be on a screen for the saved place to count. */
const minVisible = 64;

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * What to open the window with, from whatever the file held (anything at all)
 * and the screens' work areas now (null when they can't be asked).
 */
export function boundsToRestore(saved: unknown, workAreas: readonly Rect[] | null): WindowState {
  if (typeof saved !== 'object' || saved === null) return { ...defaultWindowState };
  const s = saved as Record<string, unknown>;
  if (!isInt(s.width) || !isInt(s.height)) return { ...defaultWindowState };
  let width = Math.min(maxSide, Math.max(minWindowSize.width, s.width));
  let height = Math.min(maxSide, Math.max(minWindowSize.height, s.height));
  const maximized = s.maximized === true;
  if (!isInt(s.x) || !isInt(s.y)) return { width, height, maximized };
  const rect = { x: s.x, y: s.y, width, height };
  if (workAreas === null || workAreas.length === 0) return { ...rect, maximized };
  // The title bar's strip must be on some screen, or the window could not be grabbed.
  const titleBar = { x: rect.x, y: rect.y, width: rect.width, height: 32 };
  const screen = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= minVisible && o.height > 0;
  });
  if (!screen) {
    const largest = [...workAreas].sort((a, b) => b.width * b.height - a.width * a.height)[0]!;
    width = Math.max(minWindowSize.width, Math.min(width, largest.width));
    height = Math.max(minWindowSize.height, Math.min(height, largest.height));
    return { width, height, maximized };
  }
  return {
    x: rect.x,
    y: rect.y,
    width: Math.max(minWindowSize.width, Math.min(width, screen.width)),
    height: Math.max(minWindowSize.height, Math.min(height, screen.height)),
    maximized,
  };
}

/** The file's contents, or null when there is none or it is not JSON. */
export function readWindowState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Written whole to a side file, then renamed over: a crash mid-write leaves the old file. */
export function writeWindowState(file: string, bounds: Rect, maximized: boolean): void {
  const state: WindowState = {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    maximized,
  };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state)}\n`);
  renameSync(`${file}.tmp`, file);
}
