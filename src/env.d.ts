declare namespace App {
  interface Locals {
    /** What the note being rendered annotates: the components in it default to it (components/notes/). */
    noteTarget?: import('./lib/notes/target.ts').NoteTarget;
  }
}
