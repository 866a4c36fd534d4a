/** Switches to the terminal's alternate screen (saving the cursor), as full-screen programs do. */
export const ALTERNATE_SCREEN_ON = '\u001b[?1049h';
/** Back to the normal screen, as it was before, cursor included. */
export const ALTERNATE_SCREEN_OFF = '\u001b[?1049l';
