// The users the Entrepôt knows (the simulation's directory), as community and organization member lists show them.
import { notFound } from "../../core/errors.ts";
import { userById } from "../users/directory.ts";

/** A user as member lists show them. */
export interface UserSummary {
  _id: string;
  email: string;
  first_name: string;
  last_name: string;
}

/** The user's summary, or 404 (the Entrepôt knows a user once they have called GET /users/me). */
export function findUser(id: string): UserSummary {
  const user = userById(id);
  if (!user) throw notFound(`Utilisateur « ${id} » inconnu de l'Entrepôt : il doit s'être connecté au moins une fois (GET /users/me).`);
  const { _id, email, first_name, last_name } = user;
  return { _id, email, first_name, last_name };
}
