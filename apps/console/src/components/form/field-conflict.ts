// A server refusal that belongs to one field (a slug or an email already taken): the page words
// it and throws this instead of a toast; useSchemaForm puts the message under the field.
export class FieldConflict extends Error {
  constructor(
    readonly field: (string | number)[],
    message: string,
  ) {
    super(message);
    this.name = 'FieldConflict';
  }
}
