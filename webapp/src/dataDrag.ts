/**
 * Starts dragging an expression: as text/plain, which plain inputs, textareas and code editors
 * insert natively where it is dropped.
 */
export function dragExpression(event: React.DragEvent, expression: string) {
  event.dataTransfer.setData('text/plain', expression);
  event.dataTransfer.effectAllowed = 'copy';
  event.stopPropagation();
}
