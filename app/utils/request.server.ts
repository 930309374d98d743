/**
 * Reads a form body. A body that is no form at all (wrong content type, cut off) is a bad
 * request from a client that is not our page: answer 400, never a 500.
 */
export async function readFormData(request: Request) {
  try {
    return await request.formData();
  } catch {
    throw badRequest();
  }
}

export function badRequest() {
  return new Response("Het formulier kon niet worden gelezen.", { status: 400 });
}
