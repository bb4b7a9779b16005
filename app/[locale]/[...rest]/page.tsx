import { notFound } from "next/navigation";

// Any other address under a language is a real 404, shown in that language.
export default function UnknownPage() {
  notFound();
}
